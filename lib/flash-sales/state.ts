import type { FlashSaleStatus } from '@/db/schema/flash-sales';

/**
 * A sale's life: a seller proposes, an admin approves or rejects; an approved sale is
 * scheduled (announced); the clock starts it (live) and ends it; anything not finished may be
 * cancelled. Admin-created sales begin at scheduled (or approved, to announce later).
 */
export const FLASH_SALE_TRANSITIONS: Record<FlashSaleStatus, readonly FlashSaleStatus[]> = {
  proposed: ['approved', 'scheduled', 'rejected', 'cancelled'],
  approved: ['scheduled', 'cancelled'],
  rejected: [],
  scheduled: ['live', 'cancelled'],
  live: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};

export function canTransition(from: FlashSaleStatus, to: FlashSaleStatus): boolean {
  return FLASH_SALE_TRANSITIONS[from].includes(to);
}

/** Statuses whose allocation is (or was) out of general stock: the gate serves them. */
export const OPENED_STATUSES: readonly FlashSaleStatus[] = ['live', 'ended', 'cancelled'];
