import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema/accounts';
import type { DbOrTx } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { updateProfile } from './profile';

async function newUser(db: DbOrTx) {
  const id = randomUUID();
  await db.insert(users).values({ id, email: `p-${id}@example.com`, name: 'Before', emailVerified: new Date() });
  return { userId: id };
}

const nameOf = async (db: DbOrTx, id: string) => (await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name;

describe.each(BACKENDS)('updateProfile (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it.each([
    ['a 10 kB name', 'x'.repeat(10_000)],
    ['101 characters', 'é'.repeat(101)],
    ['whitespace only', ' \t\u3000 '],
    ['the empty string', ''],
    ['a NUL byte', 'Ada\u0000Lovelace'],
    ['a newline', 'Ada\nLovelace'],
    ['an escape sequence', 'Ada\u001b[31m'],
    ['a right-to-left override', 'Ada\u202Eecalevol'],
    ['a number', 42],
  ])('rejects %s and changes nothing', async (_label, name) => {
    const { db } = t();
    const a = await newUser(db);
    await expect(updateProfile(db, a, { name })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await nameOf(db, a.userId)).toBe('Before');
  });

  it.each([
    ['trims', '  Ada Lovelace  ', 'Ada Lovelace'],
    ['keeps emoji (100 of them count as 100 characters)', '👩'.repeat(100), '👩'.repeat(100)],
    ['keeps a family emoji sequence', 'Ada 👨‍👩‍👧', 'Ada 👨‍👩‍👧'],
    ['keeps a homoglyph as typed (Cyrillic А is data, not Latin A)', '\u0410dam', '\u0410dam'],
    ['stores NFKC: fullwidth letters', 'Ａｄａｍ', 'Adam'],
    ['stores NFKC: ligatures and composed accents', 'ﬁona Cafe\u0301', 'fiona Café'],
  ])('%s', async (_label, name, stored) => {
    const { db } = t();
    const a = await newUser(db);
    expect(await updateProfile(db, a, { name })).toEqual({ name: stored });
    expect(await nameOf(db, a.userId)).toBe(stored);
  });

  it('changes only the actor’s own row, and refuses a deleted account', async () => {
    const { db } = t();
    const a = await newUser(db);
    const b = await newUser(db);
    await updateProfile(db, a, { name: 'Only A', userId: b.userId });
    expect(await nameOf(db, a.userId)).toBe('Only A');
    expect(await nameOf(db, b.userId)).toBe('Before');
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, b.userId));
    await expect(updateProfile(db, b, { name: 'Back' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
