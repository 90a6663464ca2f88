import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addresses, authAccounts, authSessions, users } from '@/db/schema/accounts';
import { auditLog } from '@/db/schema/audit';
import { storeMembers, stores } from '@/db/schema/sellers';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { createAddress } from './addresses';
import { deleteMyAccount, EXPORT_FORMAT, exportMyData } from './privacy';

const home = { fullName: 'Ada Lovelace', line1: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

async function newUser(db: DbOrTx) {
  const id = randomUUID();
  const email = `Priv-${id}@Example.com`;
  await db.insert(users).values({ id, email, name: 'Ada Lovelace', image: 'https://example.com/a.png', emailVerified: new Date(), passwordHash: 'scrypt$secret-hash' });
  return { userId: id, email };
}

async function newStore(db: DbOrTx, members: { userId: string; role: 'owner' | 'staff' }[]) {
  const slug = `store-${randomUUID().slice(0, 8)}`;
  const [store] = await db.insert(stores).values({ slug, name: `Shop ${slug}` }).returning();
  if (members.length) await db.insert(storeMembers).values(members.map((m) => ({ ...m, storeId: store!.id })));
  return store!;
}

/** A user with a bit of everything: addresses, a staff seat, a linked account, a session, some activity. */
async function populatedUser(db: DbOrTx) {
  const a = await newUser(db);
  await createAddress(db, a, home);
  await createAddress(db, a, { ...home, city: 'Manchester', postalCode: 'M1 1AE' });
  const owner = await newUser(db);
  const store = await newStore(db, [
    { userId: owner.userId, role: 'owner' },
    { userId: a.userId, role: 'staff' },
  ]);
  await db.insert(authAccounts).values({ userId: a.userId, type: 'oauth', provider: 'github', providerAccountId: `gh-${a.userId}`, access_token: 'tok-secret', refresh_token: 'refresh-secret' });
  await db.insert(authSessions).values({ sessionToken: randomUUID(), userId: a.userId, expires: new Date(Date.now() + 86_400_000) });
  await recordAudit(db, { action: 'auth.sign_in.succeeded', actorId: a.userId, ip: '203.0.113.7', userAgent: 'Firefox', data: { method: 'password' } });
  await recordAudit(db, { action: 'auth.sign_in.failed', actorId: a.userId, ip: '203.0.113.8', data: { method: 'password', email: a.email.toLowerCase() } });
  return { ...a, store, owner };
}

describe.each(BACKENDS)('privacy (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('exports everything held about the user, and no secrets', async () => {
    const { db } = t();
    const a = await populatedUser(db);
    const other = await newUser(db);
    await createAddress(db, other, { ...home, fullName: 'Someone Else' });

    const data = await exportMyData(db, a, { ip: '198.51.100.1', userAgent: 'Test' });
    expect(Object.keys(data).sort()).toEqual(['addresses', 'auditLog', 'exportedAt', 'format', 'linkedAccounts', 'orders', 'storeMemberships', 'user']);
    expect(data.format).toBe(EXPORT_FORMAT);
    expect(data.user).toMatchObject({ id: a.userId, email: a.email, name: 'Ada Lovelace', image: 'https://example.com/a.png', role: 'shopper' });
    expect(data.user).not.toHaveProperty('passwordHash');
    expect(data.addresses.map((r) => r.city).sort()).toEqual(['London', 'Manchester']);
    expect(data.addresses.every((r) => r.userId === a.userId)).toBe(true);
    expect(data.storeMemberships).toEqual([expect.objectContaining({ storeId: a.store.id, storeName: a.store.name, role: 'staff' })]);
    expect(data.linkedAccounts).toEqual([{ provider: 'github', type: 'oauth', providerAccountId: `gh-${a.userId}` }]);
    expect(data.auditLog.map((e) => e.action)).toEqual(['auth.sign_in.succeeded', 'auth.sign_in.failed', 'account.exported']);

    const json = JSON.stringify(data);
    for (const secret of ['scrypt$secret-hash', 'tok-secret', 'refresh-secret', 'Someone Else', other.userId]) expect(json).not.toContain(secret);
    const recorded = await db.select().from(auditLog).where(eq(auditLog.action, 'account.exported'));
    expect(recorded.some((e) => e.actorId === a.userId && e.ip === '198.51.100.1')).toBe(true);
  });

  it('deletes the account: anonymised row kept, personal data gone, every session ended', async () => {
    const { db } = t();
    const a = await populatedUser(db);
    const [before] = await db.select().from(users).where(eq(users.id, a.userId));

    await deleteMyAccount(db, a, { confirmEmail: `  ${a.email.toUpperCase()} ` });

    const [after] = await db.select().from(users).where(eq(users.id, a.userId));
    expect(after).toMatchObject({ email: `deleted+${a.userId}@invalid`, name: null, image: null, passwordHash: null, emailVerified: null, sessionVersion: before!.sessionVersion + 1 });
    expect(after!.deletedAt).toBeInstanceOf(Date);
    expect(await db.select().from(addresses).where(eq(addresses.userId, a.userId))).toEqual([]);
    expect(await db.select().from(storeMembers).where(eq(storeMembers.userId, a.userId))).toEqual([]);
    expect(await db.select().from(authAccounts).where(eq(authAccounts.userId, a.userId))).toEqual([]);
    expect(await db.select().from(authSessions).where(eq(authSessions.userId, a.userId))).toEqual([]);
    // The store and its other owner are untouched.
    expect(await db.select().from(storeMembers).where(eq(storeMembers.storeId, a.store.id))).toEqual([expect.objectContaining({ userId: a.owner.userId, role: 'owner' })]);

    const events = await db.select().from(auditLog).where(eq(auditLog.actorId, a.userId));
    expect(events.map((e) => e.action)).toContain('account.deleted');
    const json = JSON.stringify(events);
    for (const pii of [a.email.toLowerCase(), a.email, 'Ada', 'London', '203.0.113', 'Firefox']) expect(json).not.toContain(pii);

    // Gone for good: no second deletion, no export, no address.
    await expect(deleteMyAccount(db, a, { confirmEmail: `deleted+${a.userId}@invalid` })).rejects.toMatchObject({ code: 'not_found' });
    await expect(exportMyData(db, a)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createAddress(db, a, home)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a confirmation email that does not match, and changes nothing', async () => {
    const { db } = t();
    const a = await populatedUser(db);
    const other = await newUser(db);
    for (const confirmEmail of [other.email, 'priv@example.com', '', a.email + 'x']) {
      await expect(deleteMyAccount(db, a, { confirmEmail })).rejects.toMatchObject({ code: expect.stringMatching(/^(confirmation_mismatch|invalid_input)$/) });
    }
    const [row] = await db.select().from(users).where(eq(users.id, a.userId));
    expect(row).toMatchObject({ email: a.email, deletedAt: null, passwordHash: 'scrypt$secret-hash' });
    expect(await db.select().from(addresses).where(eq(addresses.userId, a.userId))).toHaveLength(2);
  });

  it('refuses the only owner of a store, but not one of two owners', async () => {
    const { db } = t();
    const solo = await newUser(db);
    await createAddress(db, solo, home);
    const store = await newStore(db, [{ userId: solo.userId, role: 'owner' }]);
    await expect(deleteMyAccount(db, solo, { confirmEmail: solo.email })).rejects.toMatchObject({ code: 'sole_owner', message: expect.stringContaining(store.name) });
    expect(await db.select().from(addresses).where(eq(addresses.userId, solo.userId))).toHaveLength(1);
    expect((await db.select().from(users).where(eq(users.id, solo.userId)))[0]!.deletedAt).toBeNull();

    const partner = await newUser(db);
    await db.insert(storeMembers).values({ storeId: store.id, userId: partner.userId, role: 'owner' });
    await deleteMyAccount(db, solo, { confirmEmail: solo.email });
    // The last owner standing may not leave too.
    await expect(deleteMyAccount(db, partner, { confirmEmail: partner.email })).rejects.toMatchObject({ code: 'sole_owner' });
  });

  it.runIf(backend === 'postgres')('never leaves a store without an owner when co-owners delete at once', async () => {
    const { db } = t();
    for (let run = 0; run < 5; run++) {
      const [x, y] = [await newUser(db), await newUser(db)];
      const store = await newStore(db, [
        { userId: x.userId, role: 'owner' },
        { userId: y.userId, role: 'owner' },
      ]);
      const results = await Promise.allSettled([deleteMyAccount(db, x, { confirmEmail: x.email }), deleteMyAccount(db, y, { confirmEmail: y.email })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await db.select().from(storeMembers).where(eq(storeMembers.storeId, store.id))).toHaveLength(1);
    }
  });
});
