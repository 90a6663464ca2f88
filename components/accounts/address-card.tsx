'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { deleteAddressAction, setDefaultAddressAction } from '@/lib/accounts/account-actions';

export type AddressView = {
  id: string;
  fullName: string;
  lines: string[];
  isDefaultShipping: boolean;
  isDefaultBilling: boolean;
};

const buttonClass = 'rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60';

/** One address with its badges and actions; deleting asks for confirmation first. */
export function AddressCard({ address, onDone }: { address: AddressView; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(async (prev, form) => {
    const deleting = form.get('intent') === 'delete';
    const result = deleting ? await deleteAddressAction(prev, form) : await setDefaultAddressAction(prev, form);
    if (result.ok) onDone(deleting ? 'Address deleted.' : `Default ${form.get('kind')} address updated.`);
    return result;
  }, null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const headingId = `address-${address.id}`;

  return (
    <li className="rounded-lg border border-slate-200 p-4">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="font-semibold">
            {address.fullName}
          </h3>
          {address.isDefaultShipping ? <span className="rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">Default shipping</span> : null}
          {address.isDefaultBilling ? <span className="rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">Default billing</span> : null}
        </div>
        <address className="mt-1 text-sm text-slate-700 not-italic">
          {address.lines.map((line, i) => (
            <span key={i} className="block">
              {line}
            </span>
          ))}
        </address>
        <form action={action} className="mt-3 flex flex-wrap gap-2">
          <input type="hidden" name="id" value={address.id} />
          <Link href={`/account/addresses/${address.id}`} className={buttonClass} aria-label={`Edit address of ${address.fullName}`}>
            Edit
          </Link>
          {address.isDefaultShipping ? null : (
            <button name="kind" value="shipping" disabled={pending} className={buttonClass}>
              Make default shipping
            </button>
          )}
          {address.isDefaultBilling ? null : (
            <button name="kind" value="billing" disabled={pending} className={buttonClass}>
              Make default billing
            </button>
          )}
          {confirming ? (
            <div role="group" aria-label="Confirm deletion" className="flex w-full flex-wrap items-center gap-2 rounded-md bg-red-50 p-2">
              <span className="text-sm">Delete this address? This can’t be undone.</span>
              <button ref={confirmRef} name="intent" value="delete" disabled={pending} className="rounded-md bg-sale px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirming(false)} className={buttonClass}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass} text-sale`}>
              Delete
            </button>
          )}
        </form>
        {state && !state.ok ? (
          <p role="alert" className="mt-2 text-sm text-sale">
            {state.message}
          </p>
        ) : null}
      </article>
    </li>
  );
}
