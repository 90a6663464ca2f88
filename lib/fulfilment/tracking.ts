/**
 * Carriers the fulfilment form offers, their tracking-number shapes and tracking pages. A known
 * carrier's number must match its shape (a typo caught here is a parcel the shopper can track);
 * "Other" takes any plausible number and an optional link.
 */

export type CarrierId = 'ups' | 'usps' | 'fedex' | 'dhl' | 'other';

type Carrier = { id: Exclude<CarrierId, 'other'>; name: string; pattern: RegExp; hint: string; url: (n: string) => string };

export const CARRIERS: readonly Carrier[] = [
  { id: 'ups', name: 'UPS', pattern: /^1Z[0-9A-Z]{16}$/, hint: '1Z followed by 16 letters or digits', url: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}` },
  {
    id: 'usps',
    name: 'USPS',
    // 20–22 digit domestic barcodes (9400…, 9205…), or an international S10 code (EC123456789US).
    pattern: /^(\d{20,22}|[A-Z]{2}\d{9}[A-Z]{2})$/,
    hint: '20–22 digits, or two letters, nine digits and two letters',
    url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  },
  { id: 'fedex', name: 'FedEx', pattern: /^(\d{12}|\d{15}|\d{20}|\d{22})$/, hint: '12, 15, 20 or 22 digits', url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}` },
  {
    id: 'dhl',
    name: 'DHL',
    // Express waybills are 10 digits; parcel and eCommerce numbers are longer, often with letters (JJD…, GM…).
    pattern: /^(\d{10,11}|[A-Z0-9]{12,39})$/,
    hint: '10 digits, or 12–39 letters and digits',
    url: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}`,
  },
];

export const CARRIER_OPTIONS: readonly { id: CarrierId; name: string }[] = [...CARRIERS.map(({ id, name }) => ({ id, name })), { id: 'other', name: 'Other carrier' }];

/** As sellers paste it ("1z 999 aa1 0123 4567 84") → stored form ("1Z999AA10123456784"). */
export const normalizeTrackingNumber = (raw: string) => raw.normalize('NFKC').replace(/[\s\u00a0]+/g, '').toUpperCase();

const GENERIC = /^[A-Z0-9][A-Z0-9-]{3,39}$/;

/** Null when `n` (normalized) is a valid number for the carrier, else what is wrong with it. */
export function trackingNumberProblem(carrier: CarrierId, n: string): string | null {
  if (!n) return 'Enter the tracking number.';
  if (!GENERIC.test(n)) return 'A tracking number is 4–40 letters, digits or dashes.';
  const known = CARRIERS.find((c) => c.id === carrier);
  if (known && !known.pattern.test(n)) return `That is not a ${known.name} tracking number (${known.hint}).`;
  return null;
}

export function carrierName(carrier: CarrierId, otherName?: string | null): string {
  return CARRIERS.find((c) => c.id === carrier)?.name ?? (otherName ?? '').trim();
}

/** The link the shopper follows: the seller's, or the known carrier's tracking page. */
export function trackingUrlFor(carrier: CarrierId, n: string, given?: string | null): string | null {
  if (given) return given;
  return CARRIERS.find((c) => c.id === carrier)?.url(n) ?? null;
}
