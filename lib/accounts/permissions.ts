/** Roles and what each may do: the one place that answers "may this actor do X". */
export type Role = 'shopper' | 'admin' | 'marketer';
export type StoreRole = 'owner' | 'staff';

export type Actor = {
  userId: string;
  role: Role;
  /** Store id → the actor's role in that store. */
  stores: Record<string, StoreRole>;
};

export type Permission =
  | 'account:manage' // one's own profile, addresses, security, privacy
  | 'seller:apply' // apply to open a store (any signed-in user)
  | 'seller:portal' // the seller portal of a store the actor belongs to
  | 'store:manage' // a store's profile and payout details (owners only)
  | 'store:manage-staff' // invite and remove staff of a store (owners only)
  | 'admin:console'
  | 'admin:sellers'
  | 'admin:orders'
  | 'marketing:workspace';

/** Where each role lands after signing in. */
export function homeFor(actor: Pick<Actor, 'role' | 'stores'>): string {
  if (actor.role === 'admin') return '/admin';
  if (actor.role === 'marketer') return '/marketing';
  return Object.keys(actor.stores).length ? '/seller' : '/account';
}

/** May `actor` do `permission` (to the store `storeId`, where it applies)? */
export function can(actor: Actor | null, permission: Permission, storeId?: string): boolean {
  if (!actor) return false;
  switch (permission) {
    case 'account:manage':
    case 'seller:apply':
      return true;
    case 'seller:portal':
      // Own keys only: `'toString' in {}` is true.
      return storeId ? Object.hasOwn(actor.stores, storeId) : Object.keys(actor.stores).length > 0;
    case 'store:manage':
    case 'store:manage-staff':
      return storeId !== undefined && actor.stores[storeId] === 'owner';
    case 'admin:console':
    case 'admin:sellers':
    case 'admin:orders':
      return actor.role === 'admin';
    case 'marketing:workspace':
      return actor.role === 'marketer' || actor.role === 'admin';
  }
}
