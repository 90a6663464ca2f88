import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addresses, users } from '@/db/schema/accounts';
import type { DbOrTx } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { MAX_ADDRESSES } from './account-inputs';
import { createAddress, deleteAddress, getAddress, listAddresses, setDefaultAddress, updateAddress } from './addresses';

const home = { fullName: 'Ada Lovelace', line1: '12 St James’s Square', city: 'London', postalCode: 'sw1y 4jh', country: 'gb' };

async function newUser(db: DbOrTx) {
  const id = randomUUID();
  await db.insert(users).values({ id, email: `u-${id}@example.com`, name: 'Test User', emailVerified: new Date() });
  return { userId: id };
}

async function defaults(db: DbOrTx, userId: string) {
  const rows = await db.select().from(addresses).where(eq(addresses.userId, userId));
  return { total: rows.length, shipping: rows.filter((r) => r.isDefaultShipping).map((r) => r.id), billing: rows.filter((r) => r.isDefaultBilling).map((r) => r.id) };
}

/** While a user has addresses, exactly one is the default of each kind; with none, none. */
async function expectSingleDefaults(db: DbOrTx, userId: string) {
  const d = await defaults(db, userId);
  expect(d.shipping).toHaveLength(d.total ? 1 : 0);
  expect(d.billing).toHaveLength(d.total ? 1 : 0);
}

describe.each(BACKENDS)('addresses (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 12 });

  it('creates, lists, edits and deletes, normalising input', async () => {
    const { db } = t();
    const a = await newUser(db);
    const first = await createAddress(db, a, { ...home, line2: '  ', phone: '' });
    expect(first).toMatchObject({ country: 'GB', postalCode: 'SW1Y 4JH', line2: null, phone: null, isDefaultShipping: true, isDefaultBilling: true });

    const second = await createAddress(db, a, { ...home, line1: '1 Infinite Loop', city: 'Cupertino', country: 'US', postalCode: '95014' });
    expect(second).toMatchObject({ isDefaultShipping: false, isDefaultBilling: false });
    expect((await listAddresses(db, a)).map((r) => r.id)).toEqual([first.id, second.id]);

    const edited = await updateAddress(db, a, { ...home, id: second.id, line1: '2 Infinite Loop', country: 'US', postalCode: '95014', phone: '+1 (408) 996-1010' });
    expect(edited).toMatchObject({ line1: '2 Infinite Loop', phone: '+1 (408) 996-1010', isDefaultShipping: false });
    expect((await getAddress(db, a, second.id)).line1).toBe('2 Infinite Loop');

    await deleteAddress(db, a, { id: second.id });
    await expect(getAddress(db, a, second.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await listAddresses(db, a)).toHaveLength(1);
  });

  it('rejects bad fields without writing', async () => {
    const { db } = t();
    const a = await newUser(db);
    for (const bad of [
      { ...home, country: 'XX' },
      { ...home, country: 'GBR' },
      { ...home, postalCode: '' },
      { ...home, postalCode: '1'.repeat(17) },
      { ...home, line1: 'x'.repeat(201) },
      { ...home, line1: 'evil\u0000line' },
      { ...home, phone: '1'.repeat(33) },
      { ...home, fullName: '   ' },
    ]) {
      await expect(createAddress(db, a, bad)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect(await listAddresses(db, a)).toEqual([]);
  });

  it('makes one address the only default of a kind, and promotes another when a default is deleted', async () => {
    const { db } = t();
    const a = await newUser(db);
    const [x, y, z] = [await createAddress(db, a, home), await createAddress(db, a, home), await createAddress(db, a, home)];
    await setDefaultAddress(db, a, { id: y!.id, kind: 'shipping' });
    await setDefaultAddress(db, a, { id: z!.id, kind: 'billing' });
    expect(await defaults(db, a.userId)).toMatchObject({ shipping: [y!.id], billing: [z!.id] });

    const w = await createAddress(db, a, { ...home, makeDefault: 'on' });
    expect(await defaults(db, a.userId)).toMatchObject({ shipping: [w.id], billing: [w.id] });

    await deleteAddress(db, a, { id: w.id });
    expect(await defaults(db, a.userId)).toMatchObject({ shipping: [x!.id], billing: [x!.id] });
    for (const r of [x, y, z]) await deleteAddress(db, a, { id: r!.id });
    await expectSingleDefaults(db, a.userId);
  });

  it(`keeps at most ${MAX_ADDRESSES} addresses per user`, async () => {
    const { db } = t();
    const a = await newUser(db);
    const results = await Promise.allSettled(Array.from({ length: MAX_ADDRESSES + 5 }, () => createAddress(db, a, home)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_ADDRESSES);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill('limit'));
    await expect(createAddress(db, a, home)).rejects.toMatchObject({ code: 'limit' });
    expect(await listAddresses(db, a)).toHaveLength(MAX_ADDRESSES);
  });

  it('IDOR: another user cannot read, edit, delete or set-default an address by its id', async () => {
    const { db } = t();
    const a = await newUser(db);
    const b = await newUser(db);
    const mine = await createAddress(db, a, home);
    const other = await createAddress(db, b, { ...home, fullName: 'B' });
    const before = await getAddress(db, a, mine.id);

    await expect(getAddress(db, b, mine.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(updateAddress(db, b, { ...home, id: mine.id, line1: 'Taken over' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteAddress(db, b, { id: mine.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(setDefaultAddress(db, b, { id: mine.id, kind: 'billing' })).rejects.toMatchObject({ code: 'not_found' });
    // An id that exists and one that never did answer the same way.
    const unknown = randomUUID();
    await expect(getAddress(db, b, unknown)).rejects.toMatchObject({ code: 'not_found', message: 'That address was not found.' });
    await expect(getAddress(db, b, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found', message: 'That address was not found.' });

    expect(await getAddress(db, a, mine.id)).toEqual(before);
    expect((await listAddresses(db, b)).map((r) => r.id)).toEqual([other.id]);
    await expectSingleDefaults(db, b.userId);
  });

  it('holds the single-default invariant under concurrent, randomised writes', async () => {
    const { db } = t();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ op: fc.constantFrom('default', 'default', 'create', 'delete'), pick: fc.nat(9), kind: fc.constantFrom('shipping' as const, 'billing' as const) }), {
          minLength: 4,
          maxLength: 16,
        }),
        async (ops) => {
          const a = await newUser(db);
          const seeded: string[] = [];
          for (let i = 0; i < 5; i++) seeded.push((await createAddress(db, a, home)).id);
          await Promise.allSettled(
            ops.map(({ op, pick, kind }) => {
              const id = seeded[pick % seeded.length]!;
              if (op === 'create') return createAddress(db, a, { ...home, makeDefault: pick % 2 === 0 });
              if (op === 'delete') return deleteAddress(db, a, { id });
              return setDefaultAddress(db, a, { id, kind });
            }),
          );
          await expectSingleDefaults(db, a.userId);
        },
      ),
      { numRuns: backend === 'postgres' ? 25 : 8 },
    );
  });

  it('ends with exactly one default per kind after many concurrent setDefault calls', async () => {
    const { db } = t();
    const a = await newUser(db);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await createAddress(db, a, home)).id);
    await Promise.all(Array.from({ length: 40 }, (_, i) => setDefaultAddress(db, a, { id: ids[i % ids.length]!, kind: i % 2 ? 'billing' : 'shipping' })));
    await expectSingleDefaults(db, a.userId);
  });
});
