/*
 * What a buyer sees of a sale at a moment: shared by the API, the page and the home strip (pure,
 * so the browser can move from "upcoming" to "live" by the clock without asking the server).
 */

/** Buyers see a sale once it is announced; a cancelled one only if it had gone live. */
export function isPublic(s: { status: string; startedAt: Date | string | null }): boolean {
  return s.status === 'scheduled' || s.status === 'live' || s.status === 'ended' || (s.status === 'cancelled' && s.startedAt !== null);
}

export type FlashPhase = 'upcoming' | 'live' | 'sold_out' | 'ended' | 'cancelled';

type Time = Date | string | number;
const ms = (t: Time) => (t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t));

/**
 * `status` is the stored one (scheduled, live, ended, cancelled). A scheduled sale whose start
 * has come is live: the first buyer (or the scheduler) starts it. `remaining` null: unknown.
 */
export function phaseOf(s: { status: string; startsAt: Time; endsAt: Time; remaining: number | null }, now: number): FlashPhase {
  if (s.status === 'cancelled') return 'cancelled';
  if (s.status === 'ended' || now >= ms(s.endsAt)) return 'ended';
  if (now < ms(s.startsAt)) return 'upcoming';
  if (s.remaining === 0) return 'sold_out';
  return 'live';
}

/** "2d 03:04:05" / "03:04:05" / "04:05" for a countdown of `msLeft` milliseconds (rounded up to the second). */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d) return `${d}d ${pad(h)}:${pad(m)}:${pad(s)}`;
  if (h) return `${pad(h)}:${pad(m)}:${pad(s)}`;
  return `${m}:${pad(s)}`;
}

/** The same in words, for screen readers ("2 hours 5 minutes", "45 seconds"); coarse on purpose. */
export function spokenCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (d) return [unit(d, 'day'), h ? unit(h, 'hour') : ''].filter(Boolean).join(' ');
  if (h) return [unit(h, 'hour'), m ? unit(m, 'minute') : ''].filter(Boolean).join(' ');
  if (m) return [unit(m, 'minute'), s >= 30 && m < 5 ? '30 seconds' : ''].filter(Boolean).join(' ');
  return unit(s, 'second');
}

/**
 * The countdown as a screen reader should hear it: rounded up to the minute (to the hour past an
 * hour), to 10 seconds in the last minute, to the second in the last 5, so a polite live region
 * speaks again only when that rounded value changes.
 */
export function announcedCountdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  const rounded = s <= 5 ? s : s <= 60 ? Math.ceil(s / 10) * 10 : s <= 3600 ? Math.ceil(s / 60) * 60 : Math.ceil(s / 3600) * 3600;
  return spokenCountdown(rounded * 1000);
}
