'use client';

import { useState } from 'react';
import { AddressCard, type AddressView } from './address-card';

/** The saved addresses, with one status line for what was just done to them. */
export function AddressBook({ addresses }: { addresses: AddressView[] }) {
  const [notice, setNotice] = useState('');
  return (
    <div>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {notice}
      </p>
      {addresses.length ? (
        <ul className="mt-2 grid gap-4 md:grid-cols-2">
          {addresses.map((a) => (
            <AddressCard key={a.id} address={a} onDone={setNotice} />
          ))}
        </ul>
      ) : (
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
          No saved addresses yet. Add one below to check out faster.
        </p>
      )}
    </div>
  );
}
