'use client';

import { useCallback, useState, useSyncExternalStore } from 'react';

const TICK_MS = 200;

function subscribe(onTick: () => void) {
  const t = setInterval(onTick, TICK_MS);
  return () => clearInterval(t);
}
// Quantised so React sees the same value within a tick.
const clientNow = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const noClock = () => null;

/**
 * The time now, ticking five times a second; null on the server and while hydrating, so cached
 * HTML never disagrees with the browser about what the countdown says.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, clientNow, noClock);
}

/**
 * How far the server's clock is ahead of this browser's, learnt from `serverTime` stamps. A
 * stamp may come from a cached response (older than it looks), which can only understate the
 * offset: the largest seen is the best estimate. Call `learn` outside render (a fetch, an effect).
 */
export function useServerOffset(): { offset: number; learn: (serverTime: string | Date, receivedAt?: number) => void } {
  const [offset, setOffset] = useState<number | null>(null);
  const learn = useCallback((serverTime: string | Date, receivedAt = Date.now()) => {
    const sample = new Date(serverTime).getTime() - receivedAt;
    if (Number.isFinite(sample)) setOffset((prev) => (prev === null || sample > prev ? sample : prev));
  }, []);
  return { offset: offset ?? 0, learn };
}
