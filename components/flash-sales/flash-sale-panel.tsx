'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useId, useRef, useState, useTransition } from 'react';
import { placeFlashHoldAction } from '@/lib/flash-sales/actions';
import { announcedCountdown, formatCountdown, phaseOf, type FlashPhase } from '@/lib/flash-sales/phase';
import { formatMoney } from '@/lib/money';
import { useNow, useServerOffset } from './use-clock';

/** GET /api/v1/flash-sales/{id} as the page uses it. */
type SaleJson = {
  status: string;
  phase: FlashPhase;
  startsAt: string;
  endsAt: string;
  serverTime: string;
  allocation: number;
  remaining: number | null;
  held: number | null;
  sold: number | null;
  paused: boolean;
  perCustomerLimit: number;
};

export type FlashSalePanelProps = {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  allocation: number;
  perCustomerLimit: number;
  salePrice: number;
  currency: string;
  productTitle: string;
};

type Notice = { tone: 'error' | 'info'; message: string } | null;

/** Polling pace: every 1.5 s around the start and while live, slowly before, not at all once over. */
function pollEvery(data: SaleJson | undefined, startsAt: number): number | false {
  // Asked during the server render too, where there is nothing to poll (and no clock to read).
  if (typeof window === 'undefined') return false;
  if (data && (data.phase === 'ended' || data.phase === 'cancelled')) return false;
  return startsAt - Date.now() > 90_000 ? 15_000 : 1500;
}

const MAX_PAUSED_RETRIES = 15;

/**
 * The live part of /flash/[id]: the countdown to the start (it turns into the Buy button at the
 * start, by the server's clock, without a reload), the remaining count (polled), the per-customer
 * limit and "Buy now", which holds the units and goes to the express checkout.
 */
export function FlashSalePanel(props: FlashSalePanelProps) {
  const router = useRouter();
  const { offset, learn } = useServerOffset();
  const clientNow = useNow();
  const now = clientNow === null ? null : clientNow + offset;
  const startsAt = Date.parse(props.startsAt);
  const endsAt = Date.parse(props.endsAt);
  const qtyId = useId();

  const { data, isError } = useQuery({
    queryKey: ['flash-sale', props.id],
    queryFn: async (): Promise<SaleJson> => {
      const res = await fetch(`/api/v1/flash-sales/${props.id}`);
      if (!res.ok) throw new Error(`flash sale ${res.status}`);
      const body = (await res.json()) as SaleJson;
      learn(body.serverTime);
      return body;
    },
    refetchInterval: (q) => pollEvery(q.state.data, startsAt),
    staleTime: 0,
    retry: 3,
  });

  const [quantity, setQuantity] = useState(1);
  const [notice, setNotice] = useState<Notice>(null);
  const [overLimit, setOverLimit] = useState(false);
  const [pausedTries, setPausedTries] = useState(0);
  const [retryIn, setRetryIn] = useState<number | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [buying, startBuying] = useTransition();
  const noticeRef = useRef<HTMLDivElement>(null);

  const status = data?.status ?? props.status;
  const remaining = data?.remaining ?? null;
  const phase = now === null ? null : phaseOf({ status, startsAt, endsAt, remaining }, now);
  const paused = retryIn !== null || data?.paused === true;

  const buy = (attempt: number) =>
    startBuying(async () => {
      setRetryIn(null);
      let res: Awaited<ReturnType<typeof placeFlashHoldAction>>;
      try {
        res = await placeFlashHoldAction({ saleId: props.id, quantity });
      } catch {
        setNotice({
          tone: 'error',
          message: 'We could not reach the shop. Check your connection and try again.',
        });
        return;
      }
      if (!res.ok) {
        setNotice({ tone: 'error', message: res.message });
        return;
      }
      const d = res.data;
      switch (d.kind) {
        case 'hold':
          setLeaving(true);
          setNotice({
            tone: 'info',
            message: d.existing ? 'You already hold this item. Taking you to checkout…' : 'It’s yours for the next few minutes. Taking you to checkout…',
          });
          router.push(d.checkoutPath);
          return;
        case 'refused':
          if (d.reason === 'over_limit') setOverLimit(true);
          setNotice({ tone: 'error', message: d.message });
          return;
        case 'paused':
          if (attempt >= MAX_PAUSED_RETRIES) {
            setNotice({
              tone: 'error',
              message: 'Buying is still paused. Please try again in a moment.',
            });
            return;
          }
          setNotice(null);
          setPausedTries(attempt + 1);
          setRetryIn(d.retryAfter);
          return;
        case 'rate_limited':
          setNotice({
            tone: 'error',
            message: `Too many tries at once. Try again in ${d.retryAfter} s.`,
          });
          return;
      }
    });

  // Paused (the stock gate is unreachable): try again by itself after Retry-After.
  const retry = useEffectEvent(() => buy(pausedTries));
  useEffect(() => {
    if (retryIn === null) return;
    const t = setTimeout(retry, retryIn * 1000);
    return () => clearTimeout(t);
  }, [retryIn]);

  useEffect(() => {
    if (notice?.tone === 'error') noticeRef.current?.focus();
  }, [notice]);

  const money = (n: number) => formatMoney(n, props.currency);
  const limitText = props.perCustomerLimit === 1 ? 'Limit 1 per customer.' : `Limit ${props.perCustomerLimit} per customer.`;
  const options = Array.from({ length: Math.min(props.perCustomerLimit, 10) }, (_, i) => i + 1);

  let announcement = '';
  if (phase === 'upcoming' && now !== null) announcement = `The sale starts in ${announcedCountdown(startsAt - now)}.`;
  else if (phase === 'live') announcement = 'The sale is live. You can buy now.';
  else if (phase === 'sold_out') announcement = 'Sold out.';
  else if (phase === 'ended') announcement = 'This sale has ended.';
  else if (phase === 'cancelled') announcement = 'This sale was cancelled.';

  return (
    <section aria-label="Flash sale" className="space-y-4 rounded-xl border border-slate-200 p-5" data-testid="flash-panel" data-phase={phase ?? 'loading'}>
      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>

      {phase === null ? (
        <p className="h-16 text-slate-600">Loading the sale…</p>
      ) : phase === 'upcoming' ? (
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">Starts in</p>
          <p className="font-mono text-4xl font-bold tabular-nums" aria-hidden="true" data-testid="flash-countdown">
            {formatCountdown(startsAt - now!)}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {props.allocation} available at this price. {limitText}
          </p>
        </div>
      ) : phase === 'live' ? (
        <div className="space-y-3">
          <p className="inline-flex items-center gap-2 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-sale">
            <span aria-hidden="true" className="size-2 rounded-full bg-sale" />
            Live now · ends in <span className="tabular-nums">{formatCountdown(endsAt - now!)}</span>
          </p>
          <Remaining remaining={remaining} allocation={props.allocation} held={data?.held ?? null} />
          <p className="text-sm text-slate-700">{limitText}</p>
          {overLimit ? null : (
            <div className="flex flex-wrap items-end gap-3">
              {options.length > 1 ? (
                <div>
                  <label htmlFor={qtyId} className="block text-sm font-medium">
                    Quantity
                  </label>
                  <select id={qtyId} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} className="mt-1 rounded-md border border-slate-300 px-3 py-2">
                    {options.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <button
                type="button"
                onClick={() => buy(0)}
                disabled={buying || leaving || retryIn !== null}
                className="min-h-12 flex-1 rounded-md bg-sale px-6 py-3 text-lg font-semibold text-white hover:opacity-90 disabled:opacity-60 sm:flex-none"
              >
                {buying || leaving ? 'Holding it for you…' : `Buy now · ${money(props.salePrice * quantity)}`}
              </button>
            </div>
          )}
        </div>
      ) : phase === 'sold_out' ? (
        <div className="space-y-2">
          <p className="text-2xl font-bold">Sold out</p>
          <Remaining remaining={0} allocation={props.allocation} held={data?.held ?? null} />
          {data?.held ? <p className="text-sm text-slate-700">Some units are in other buyers’ checkouts. If a checkout isn’t completed, they come back here.</p> : null}
        </div>
      ) : (
        <div className="space-y-1">
          <p className="text-2xl font-bold">{phase === 'cancelled' ? 'This sale was cancelled' : 'This sale has ended'}</p>
          {data?.sold != null && phase === 'ended' ? <p className="text-slate-700">{data.sold} sold.</p> : null}
        </div>
      )}

      {paused && (phase === 'live' || phase === 'sold_out') ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="flash-paused">
          Buying is paused for a moment, retrying…
        </p>
      ) : null}
      {isError && !data ? <p className="text-sm text-slate-700">We could not load the live count. Retrying…</p> : null}
      {notice ? (
        <div
          ref={noticeRef}
          tabIndex={-1}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          className={`rounded-md px-3 py-2 text-sm font-medium ${notice.tone === 'error' ? 'bg-red-50 text-red-900' : 'bg-green-50 text-green-900'}`}
          data-testid="flash-notice"
        >
          {notice.message}
        </div>
      ) : null}
    </section>
  );
}

function Remaining({ remaining, allocation, held }: { remaining: number | null; allocation: number; held: number | null }) {
  const pct = remaining === null ? 0 : Math.round((remaining / allocation) * 100);
  return (
    <div className="space-y-1">
      <p aria-live="polite" aria-atomic="true" className="text-lg font-semibold" data-testid="flash-remaining">
        {remaining === null ? 'Checking what’s left…' : `${remaining} of ${allocation} left`}
      </p>
      <div
        role="progressbar"
        aria-label="Units left"
        aria-valuemin={0}
        aria-valuemax={allocation}
        aria-valuenow={remaining ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-sale transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      {held ? <p className="sr-only">{held} held in checkouts.</p> : null}
    </div>
  );
}
