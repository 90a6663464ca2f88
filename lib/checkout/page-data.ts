import 'server-only';
import type { SavedAddress, TestCardHint } from '@/components/checkout/types';
import { countryOptions } from '@/lib/accounts/account-inputs';
import { listAddresses } from '@/lib/accounts/addresses';
import type { SignedInActor } from '@/lib/accounts/session';
import { activeProviderName } from '@/lib/payments/registry';
import { TEST_CARDS } from '@/lib/payments/test-cards';
import type { Db } from '@/lib/platform/db';
import { env } from '@/lib/platform/env';

// What both checkout pages (the cart's and a flash hold's express checkout) hand their forms.

const TEST_CARD_LABELS: Record<string, string> = {
  succeeds: 'succeeds',
  declined: 'is declined',
  insufficient_funds: 'is declined (insufficient funds)',
  requires_3ds: 'asks for 3-D Secure',
  timeout_after_charge: 'charges, then times out',
};
const testCards: TestCardHint[] = Object.entries(TEST_CARDS).map(([number, behaviour]) => ({ number, label: TEST_CARD_LABELS[behaviour] ?? behaviour }));

/** The payment step's settings: which provider, its browser key, the test cards to list, the countries to offer. */
export function paymentSettings() {
  return { provider: activeProviderName(), stripeKey: env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? null, testCards, countries: countryOptions };
}

/** The signed-in shopper's saved addresses as the address step shows them (none for a guest). */
export async function savedAddresses(db: Db, actor: SignedInActor | null): Promise<SavedAddress[]> {
  const rows = actor ? await listAddresses(db, actor) : [];
  return rows.map((a) => ({
    id: a.id,
    isDefault: a.isDefaultShipping,
    fullName: a.fullName,
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone ?? '',
  }));
}
