import { storeStatus } from '@/db/schema/sellers';
import { DomainError } from '@/lib/platform/errors';

/**
 * The store lifecycle, in one table:
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──activate──▶ active ⇄ suspended
 *     ▲                  │    ▲                                       (suspend / reactivate)
 *     └────withdraw──────┘    └──resubmit── rejected ◀──reject── submitted
 *
 * Approval activates the store in the same transaction (approve, then activate), so
 * `approved` is the short-lived state between the two decisions; `activate` stays its own event
 * so a go-live checklist can slot in later without changing the table.
 */
export type StoreStatus = (typeof storeStatus.enumValues)[number];
export const STORE_STATUSES = storeStatus.enumValues;

export type StoreEvent = 'submit' | 'withdraw' | 'resubmit' | 'approve' | 'reject' | 'activate' | 'suspend' | 'reactivate';

type Rule = { from: readonly StoreStatus[]; to: StoreStatus; by: 'applicant' | 'admin'; reason: 'required' | 'none' };

export const TRANSITIONS: Record<StoreEvent, Rule> = {
  submit: { from: ['draft'], to: 'submitted', by: 'applicant', reason: 'none' },
  withdraw: { from: ['submitted'], to: 'draft', by: 'applicant', reason: 'none' },
  resubmit: { from: ['rejected'], to: 'submitted', by: 'applicant', reason: 'none' },
  approve: { from: ['submitted'], to: 'approved', by: 'admin', reason: 'none' },
  reject: { from: ['submitted'], to: 'rejected', by: 'admin', reason: 'required' },
  activate: { from: ['approved'], to: 'active', by: 'admin', reason: 'none' },
  suspend: { from: ['active'], to: 'suspended', by: 'admin', reason: 'required' },
  reactivate: { from: ['suspended'], to: 'active', by: 'admin', reason: 'none' },
};

export class InvalidTransitionError extends DomainError {
  constructor(
    readonly from: StoreStatus,
    readonly event: StoreEvent,
  ) {
    super('invalid_transition', `A store that is ${from} can’t be ${PAST[event]}. Reload to see its current status.`, 409);
  }
}

const PAST: Record<StoreEvent, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  resubmit: 'resubmitted',
  approve: 'approved',
  reject: 'rejected',
  activate: 'activated',
  suspend: 'suspended',
  reactivate: 'reactivated',
};

export function canTransition(from: StoreStatus, event: StoreEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** The status after `event`, or InvalidTransitionError. */
export function nextStatus(from: StoreStatus, event: StoreEvent): StoreStatus {
  if (!canTransition(from, event)) throw new InvalidTransitionError(from, event);
  return TRANSITIONS[event].to;
}

/** What may happen next to a store in `status` (by whom decides which buttons a page shows). */
export function eventsFrom(status: StoreStatus, by?: Rule['by']): StoreEvent[] {
  return (Object.keys(TRANSITIONS) as StoreEvent[]).filter((e) => canTransition(status, e) && (!by || TRANSITIONS[e].by === by));
}

/** The applicant may edit the application (store profile, KYC, documents, payout) only while it is not with a reviewer. */
export const isEditableApplication = (status: StoreStatus) => status === 'draft' || status === 'rejected';

/** The store belongs to its members (portal, settings) from approval on. */
export const isApprovedStore = (status: StoreStatus) => status === 'approved' || status === 'active' || status === 'suspended';

export const STATUS_LABEL: Record<StoreStatus, string> = {
  draft: 'Draft',
  submitted: 'In review',
  approved: 'Approved',
  rejected: 'Changes needed',
  active: 'Active',
  suspended: 'Suspended',
};
