'use client';

import { formatCountdown, phaseOf } from '@/lib/flash-sales/phase';
import { useNow } from './use-clock';

/** "Live · ends in 1:02:03" / "Starts in 4:05" on a home-page card, by this browser's clock (the card itself is cached). */
export function FlashSaleBadge({ status, startsAt, endsAt }: { status: string; startsAt: string; endsAt: string }) {
  const now = useNow();
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (now === null) return <Badge tone={status === 'live' ? 'live' : 'soon'}>{status === 'live' ? 'Live now' : 'Coming soon'}</Badge>;
  const phase = phaseOf({ status, startsAt: start, endsAt: end, remaining: null }, now);
  if (phase === 'upcoming') return <Badge tone="soon">Starts in {formatCountdown(start - now)}</Badge>;
  if (phase === 'live') return <Badge tone="live">Live · ends in {formatCountdown(end - now)}</Badge>;
  return <Badge tone="over">Ended</Badge>;
}

function Badge({ tone, children }: { tone: 'live' | 'soon' | 'over'; children: React.ReactNode }) {
  const cls = tone === 'live' ? 'bg-sale text-white' : tone === 'soon' ? 'bg-slate-900 text-white' : 'bg-slate-200 text-slate-800';
  return <span className={`inline-block rounded-full px-2.5 py-1 text-xs font-semibold tabular-nums ${cls}`}>{children}</span>;
}
