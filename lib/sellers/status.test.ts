import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition, eventsFrom, InvalidTransitionError, isApprovedStore, isEditableApplication, nextStatus, STORE_STATUSES, TRANSITIONS, type StoreEvent, type StoreStatus } from './status';

const EVENTS = Object.keys(TRANSITIONS) as StoreEvent[];

// The whole machine as one table: [from, event] → to. Every pair not listed must be refused.
const ALLOWED: [StoreStatus, StoreEvent, StoreStatus][] = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'withdraw', 'draft'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'reject', 'rejected'],
  ['rejected', 'resubmit', 'submitted'],
  ['approved', 'activate', 'active'],
  ['active', 'suspend', 'suspended'],
  ['suspended', 'reactivate', 'active'],
];

describe('store status machine', () => {
  for (const from of STORE_STATUSES) {
    for (const event of EVENTS) {
      const rule = ALLOWED.find(([f, e]) => f === from && e === event);
      it(`${from} --${event}--> ${rule ? rule[2] : 'refused'}`, () => {
        expect(canTransition(from, event)).toBe(Boolean(rule));
        if (rule) expect(nextStatus(from, event)).toBe(rule[2]);
        else expect(() => nextStatus(from, event)).toThrow(InvalidTransitionError);
      });
    }
  }

  it('a refused transition is a 409 with a message naming the current status', () => {
    try {
      nextStatus('active', 'approve');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidTransitionError);
      expect(err).toMatchObject({ code: 'invalid_transition', status: 409 });
      expect((err as Error).message).toMatch(/active.*approved/);
    }
  });

  it('rejection and suspension need a reason; nothing else does', () => {
    expect(EVENTS.filter((e) => TRANSITIONS[e].reason === 'required').sort()).toEqual(['reject', 'suspend']);
  });

  it('applicants submit, resubmit and withdraw; admins decide', () => {
    expect(EVENTS.filter((e) => TRANSITIONS[e].by === 'applicant').sort()).toEqual(['resubmit', 'submit', 'withdraw']);
    expect(eventsFrom('submitted', 'admin').sort()).toEqual(['approve', 'reject']);
    expect(eventsFrom('submitted', 'applicant')).toEqual(['withdraw']);
    expect(eventsFrom('active', 'admin')).toEqual(['suspend']);
    expect(eventsFrom('suspended', 'admin')).toEqual(['reactivate']);
  });

  it('only draft and rejected applications are editable; only approved, active and suspended stores belong to members', () => {
    expect(STORE_STATUSES.filter(isEditableApplication)).toEqual(['draft', 'rejected']);
    expect(STORE_STATUSES.filter(isApprovedStore)).toEqual(['approved', 'active', 'suspended']);
  });

  it('any event sequence only ever passes through allowed transitions and never skips review', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (events) => {
        let status: StoreStatus = 'draft';
        let reviewed = false;
        for (const e of events) {
          if (!canTransition(status, e)) continue;
          const next = nextStatus(status, e);
          expect(ALLOWED).toContainEqual([status, e, next]);
          if (e === 'approve') reviewed = true;
          status = next;
          // A store reaches active only through an admin's approval.
          if (status === 'active') expect(reviewed).toBe(true);
        }
      }),
    );
  });
});
