import type { AddressValues, CountryOption } from '@/components/accounts/address-form';
import type { CheckoutFailure } from '@/db/schema/checkout';

export type { AddressValues, CountryOption };

export type CheckoutStep = 'contact' | 'shipping' | 'payment' | 'review';

export type SavedAddress = AddressValues & { id: string; isDefault: boolean };

/** A cart line whose price moved since the shopper added it (they must accept it before paying). */
export type PriceChange = { itemId: string; name: string; from: number; to: number };

export type StockLine = NonNullable<CheckoutFailure['lines']>[number];

/** What the page shows above the form after a refused or failed attempt. */
export type CheckoutAlert =
  | { kind: 'stock'; message: string; lines: StockLine[] }
  | { kind: 'payment'; title: string; message: string }
  | { kind: 'error'; code: string; message: string };

export type TestCardHint = { number: string; label: string };

export const EMPTY_ADDRESS: AddressValues = { fullName: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' };
