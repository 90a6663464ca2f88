import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { addresses, users, type Address } from '@/db/schema/accounts';
import type { DbOrTx, Tx } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import {
  addressIdInput,
  createAddressInput,
  MAX_ADDRESSES,
  parseInput,
  setDefaultInput,
  updateAddressInput,
  type DefaultKind,
} from './account-inputs';
import type { Actor } from './permissions';

// Every query below filters by the actor's user id: someone else's address id finds nothing
// (NotFoundError), so an id never reveals whether it exists.
//
// Defaults: while a user has any address, exactly one is the default shipping address and exactly
// one the default billing address. The first address becomes both; deleting a default promotes the
// oldest remaining address.

type Owner = Pick<Actor, 'userId'>;

const defaultColumn = (kind: DefaultKind) => (kind === 'shipping' ? addresses.isDefaultShipping : addresses.isDefaultBilling);
const defaultSet = (kind: DefaultKind, value: boolean | ReturnType<typeof sql>) =>
  kind === 'shipping' ? { isDefaultShipping: value } : { isDefaultBilling: value };

/** Locks the user's row so address writes of one user run one at a time (the limit and the single defaults hold under concurrency). */
async function lockOwner(tx: Tx, userId: string): Promise<void> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .for('no key update');
  if (!row) throw new NotFoundError('Your account');
}

/** The actor's addresses, defaults first, then oldest first. */
export async function listAddresses(db: DbOrTx, actor: Owner): Promise<Address[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, actor.userId))
    .orderBy(desc(addresses.isDefaultShipping), desc(addresses.isDefaultBilling), asc(addresses.createdAt), asc(addresses.id));
}

/** One of the actor's addresses; NotFoundError for anyone else's. */
export async function getAddress(db: DbOrTx, actor: Owner, id: string): Promise<Address> {
  const input = parseInput(addressIdInput, { id });
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, input.id), eq(addresses.userId, actor.userId)))
    .limit(1);
  if (!row) throw new NotFoundError('That address');
  return row;
}

/** Adds an address (up to MAX_ADDRESSES); it becomes a default where there is none, or everywhere with makeDefault. */
export async function createAddress(db: DbOrTx, actor: Owner, input: unknown): Promise<Address> {
  const { makeDefault, ...fields } = parseInput(createAddressInput, input);
  return db.transaction(async (tx) => {
    await lockOwner(tx, actor.userId);
    const mine = await tx
      .select({ shipping: addresses.isDefaultShipping, billing: addresses.isDefaultBilling })
      .from(addresses)
      .where(eq(addresses.userId, actor.userId));
    if (mine.length >= MAX_ADDRESSES) {
      throw new DomainError('limit', `You can keep up to ${MAX_ADDRESSES} addresses. Delete one to add another.`, 409);
    }
    if (makeDefault) {
      await tx
        .update(addresses)
        .set({ isDefaultShipping: false, isDefaultBilling: false })
        .where(and(eq(addresses.userId, actor.userId), or(eq(addresses.isDefaultShipping, true), eq(addresses.isDefaultBilling, true))));
    }
    const [row] = await tx
      .insert(addresses)
      .values({
        ...fields,
        userId: actor.userId,
        isDefaultShipping: makeDefault || !mine.some((a) => a.shipping),
        isDefaultBilling: makeDefault || !mine.some((a) => a.billing),
      })
      .returning();
    return row!;
  });
}

/** Edits one of the actor's addresses (not its default flags). */
export async function updateAddress(db: DbOrTx, actor: Owner, input: unknown): Promise<Address> {
  const { id, ...fields } = parseInput(updateAddressInput, input);
  const [row] = await db
    .update(addresses)
    .set(fields)
    .where(and(eq(addresses.id, id), eq(addresses.userId, actor.userId)))
    .returning();
  if (!row) throw new NotFoundError('That address');
  return row;
}

/** Deletes one of the actor's addresses; a default it held passes to the oldest remaining address. */
export async function deleteAddress(db: DbOrTx, actor: Owner, input: unknown): Promise<void> {
  const { id } = parseInput(addressIdInput, input);
  await db.transaction(async (tx) => {
    await lockOwner(tx, actor.userId);
    const [gone] = await tx
      .delete(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, actor.userId)))
      .returning({ shipping: addresses.isDefaultShipping, billing: addresses.isDefaultBilling });
    if (!gone) throw new NotFoundError('That address');
    if (!gone.shipping && !gone.billing) return;
    const [next] = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(eq(addresses.userId, actor.userId))
      .orderBy(asc(addresses.createdAt), asc(addresses.id))
      .limit(1);
    if (!next) return;
    await tx
      .update(addresses)
      .set({ ...(gone.shipping ? { isDefaultShipping: true } : {}), ...(gone.billing ? { isDefaultBilling: true } : {}) })
      .where(eq(addresses.id, next.id));
  });
}

/** Makes one of the actor's addresses the only default of its kind. */
export async function setDefaultAddress(db: DbOrTx, actor: Owner, input: unknown): Promise<void> {
  const { id, kind } = parseInput(setDefaultInput, input);
  const column = defaultColumn(kind);
  await db.transaction(async (tx) => {
    await lockOwner(tx, actor.userId);
    const [target] = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, actor.userId)))
      .limit(1);
    if (!target) throw new NotFoundError('That address');
    // One statement flips the old default off and the new one on.
    await tx
      .update(addresses)
      .set(defaultSet(kind, sql`${addresses.id} = ${id}`))
      .where(and(eq(addresses.userId, actor.userId), or(eq(column, true), eq(addresses.id, id))));
  });
}
