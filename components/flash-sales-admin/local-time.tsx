'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};
/** False on the server and during hydration, true after: the browser's zone is only known there. */
export const useHydrated = () =>
  useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );

// Components, not dateStyle/timeStyle: those can't be combined with timeZoneName.
const OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/** A moment in the reader's time zone, with the zone named ("Mar 5, 2026, 2:00 PM GMT+1"); UTC until hydrated. */
export function LocalTime({ value, className }: { value: string | Date; className?: string }) {
  const hydrated = useHydrated();
  const date = typeof value === 'string' ? new Date(value) : value;
  const text = hydrated ? new Intl.DateTimeFormat(undefined, OPTIONS).format(date) : new Intl.DateTimeFormat('en-US', { ...OPTIONS, timeZone: 'UTC' }).format(date);
  return (
    <time dateTime={date.toISOString()} className={className}>
      {text}
    </time>
  );
}

/** "Europe/Paris (GMT+1)": the zone the reader's times are shown and entered in. */
export function TimeZoneName() {
  const hydrated = useHydrated();
  if (!hydrated) return <span>your time zone</span>;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat(undefined, { timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
  return (
    <span>
      {zone}
      {offset ? ` (${offset})` : ''}
    </span>
  );
}
