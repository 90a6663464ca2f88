import type { GateSnapshot, ReserveResult } from './gate';

type ModelHold = { customer: string; quantity: number; status: 'active' | 'confirmed' | 'released' | 'expired'; expiresAt: number };

/**
 * The stock gate's rules as plain code, for property tests: what any engine must answer,
 * operation by operation. Expired holds count as held until a sweep, like the engines; reserve
 * and confirm sweep when an expired hold stands in their way, like the engines.
 */
export class GateModel {
  remaining: number;
  held = 0;
  sold = 0;
  readonly holds = new Map<string, ModelHold>();

  constructor(
    readonly allocation: number,
    readonly limit: number,
  ) {
    this.remaining = allocation;
  }

  private activeOf(customer: string): [string, ModelHold] | undefined {
    for (const entry of this.holds) if (entry[1].customer === customer && entry[1].status === 'active') return entry;
    return undefined;
  }

  units(customer: string): number {
    let n = 0;
    for (const h of this.holds.values()) if (h.customer === customer && (h.status === 'active' || h.status === 'confirmed')) n += h.quantity;
    return n;
  }

  /** What reserve must answer; on success the caller passes the engine's hold id to `created`. */
  reserve(customer: string, quantity: number, now: number): { ok: true } | Extract<ReserveResult, { ok: false }> {
    for (let pass = 0; pass < 2; pass++) {
      const active = this.activeOf(customer);
      if (active) {
        if (active[1].expiresAt > now) return { ok: false, reason: 'already_holding', holdId: active[0], expiresAt: new Date(active[1].expiresAt) };
        this.expire(now);
        continue;
      }
      if (this.units(customer) + quantity > this.limit) return { ok: false, reason: 'over_limit' };
      if (this.remaining < quantity) {
        const due = [...this.holds.values()].some((h) => h.status === 'active' && h.expiresAt <= now);
        if (due && pass === 0) {
          this.expire(now);
          continue;
        }
        return { ok: false, reason: 'sold_out' };
      }
      return { ok: true };
    }
    return { ok: false, reason: 'sold_out' };
  }

  created(holdId: string, customer: string, quantity: number, expiresAt: number): void {
    this.remaining -= quantity;
    this.held += quantity;
    this.holds.set(holdId, { customer, quantity, status: 'active', expiresAt });
  }

  confirm(holdId: string, now: number): boolean {
    const h = this.holds.get(holdId);
    if (!h) return false;
    if (h.status === 'confirmed') return true;
    if (h.status !== 'active') return false;
    if (h.expiresAt <= now) {
      this.expire(now);
      return false;
    }
    h.status = 'confirmed';
    this.held -= h.quantity;
    this.sold += h.quantity;
    return true;
  }

  release(holdId: string): boolean {
    const h = this.holds.get(holdId);
    if (!h) return false;
    if (h.status === 'released' || h.status === 'expired') return true;
    if (h.status === 'confirmed') return false;
    h.status = 'released';
    this.held -= h.quantity;
    this.remaining += h.quantity;
    return true;
  }

  expire(now: number): number {
    let n = 0;
    for (const h of this.holds.values()) {
      if (h.status !== 'active' || h.expiresAt > now) continue;
      h.status = 'expired';
      this.held -= h.quantity;
      this.remaining += h.quantity;
      n += 1;
    }
    return n;
  }

  snapshot(): GateSnapshot {
    return { allocation: this.allocation, remaining: this.remaining, held: this.held, sold: this.sold };
  }
}
