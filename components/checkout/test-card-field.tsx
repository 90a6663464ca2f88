'use client';

import { forwardRef } from 'react';
import { inputClass } from '@/components/accounts/account-field';
import type { TestCardHint } from './types';

const group = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The test provider's card number field, with the test cards listed under it. */
export const TestCardField = forwardRef<HTMLInputElement, { value: string; onChange: (v: string) => void; error?: string; cards: TestCardHint[] }>(
  function TestCardField({ value, onChange, error, cards }, ref) {
    return (
      <div>
        <label htmlFor="card-number" className="block text-sm font-medium">
          Card number
        </label>
        <input
          ref={ref}
          id="card-number"
          name="card"
          inputMode="numeric"
          autoComplete="cc-number"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={['card-hint', error ? 'card-error' : null].filter(Boolean).join(' ')}
          className={`${inputClass} font-mono tracking-wider`}
          placeholder="4242 4242 4242 4242"
        />
        {error ? (
          <p id="card-error" className="mt-1 text-sm text-sale">
            {error}
          </p>
        ) : null}
        <div id="card-hint" className="mt-2 rounded-md bg-slate-50 p-3 text-xs text-slate-700">
          <p className="font-medium text-slate-900">Test mode: no real payment is taken. Use one of these cards (any name, no expiry or CVC needed):</p>
          <ul className="mt-1 space-y-0.5">
            {cards.map((c) => (
              <li key={c.number}>
                <span className="font-mono">{group(c.number)}</span> — {c.label}
              </li>
            ))}
          </ul>
        </div>
      </div>
    );
  },
);
