import { describe, expect, it } from 'vitest';
import { Rng } from './random';

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(take(new Rng(20261121), 1000)).toEqual(take(new Rng(20261121), 1000));
    const a = new Rng(42);
    const b = new Rng(42);
    const draw = (r: Rng) => [r.int(1, 6), r.pick(['x', 'y', 'z']), r.chance(0.5), r.subset([1, 2, 3, 4, 5], 3), r.uuid(), r.bytes(8).toString('hex')];
    for (let i = 0; i < 50; i++) expect(draw(a)).toEqual(draw(b));
  });

  it('gives different sequences for different seeds', () => {
    expect(take(new Rng(1), 20)).not.toEqual(take(new Rng(2), 20));
  });

  it('is exactly mulberry32: the seed catalog (ids, prices, dates) depends on this sequence', () => {
    // The reference implementation, as published by its author.
    const mulberry32 = (a: number) => () => {
      let t = (a += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (const seed of [1, 42, 20261121, 0xffffffff]) {
      const ref = mulberry32(seed);
      expect(take(new Rng(seed), 500)).toEqual(Array.from({ length: 500 }, ref));
    }
    expect(take(new Rng(1), 3).map((x) => x.toFixed(10))).toEqual(['0.6270739406', '0.0027357212', '0.5274470400']);
  });

  it('treats seeds modulo 2^32', () => {
    expect(take(new Rng(2 ** 32 + 5), 10)).toEqual(take(new Rng(5), 10));
    expect(take(new Rng(-1), 10)).toEqual(take(new Rng(2 ** 32 - 1), 10));
  });

  it('stays in range', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = rng.int(3, 9);
      expect(Number.isInteger(n) && n >= 3 && n <= 9).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('picks, samples and subsets', () => {
    const rng = new Rng(99);
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let i = 0; i < 200; i++) {
      expect(items).toContain(rng.pick(items));
      const k = rng.int(0, 8);
      const sub = rng.subset(items, k);
      expect(sub).toHaveLength(Math.min(k, items.length));
      expect(sub).toEqual(items.filter((x) => sub.includes(x))); // original order kept
      expect(new Set(sub).size).toBe(sub.length);
    }
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it('makes RFC 4122 version-4 uuids and byte strings', () => {
    const rng = new Rng(3);
    const ids = Array.from({ length: 500 }, () => rng.uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rng.bytes(16)).toHaveLength(16);
    expect(rng.bytes(0)).toHaveLength(0);
  });
});
