import type { AddressSnapshot } from '@/db/schema/checkout';
import type { OrderStatus } from '@/db/schema/orders';

/** Server-rendered dates in UTC, so every viewer and every render reads the same. */
const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export const formatDay = (d: Date) => day.format(d);
export const formatDayTime = (d: Date) => `${dayTime.format(d)} UTC`;

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  placed: 'Placed',
  paid: 'Paid',
  partially_fulfilled: 'Partly shipped',
  fulfilled: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

/** The lines of a postal address, empty parts left out. */
export function addressLines(a: AddressSnapshot): string[] {
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter((l): l is string => Boolean(l && l.trim()));
}

/** Only http(s) links from outside (a carrier's tracking page) are ever rendered as links. */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
}

/** Order pages link to each other with the guest token when that is how the visitor got in. */
export function orderHref(number: string, token: string | null, suffix = ''): string {
  return `/orders/${encodeURIComponent(number)}${suffix}${token ? `?t=${encodeURIComponent(token)}` : ''}`;
}
