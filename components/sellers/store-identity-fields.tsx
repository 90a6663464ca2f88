'use client';

import { useEffect, useId, useState } from 'react';
import { Field } from '@/components/accounts/account-field';
import { SLUG_RULES, suggestSlug } from '@/lib/sellers/slug';

type Check = { state: 'idle' | 'checking' | 'available' | 'unavailable' | 'error'; message: string };

/**
 * Store name and address, with the address suggested from the name until the seller edits it,
 * and checked live (debounced) against the server. The check is advice: saving checks again.
 */
export function StoreIdentityFields({
  name,
  slug,
  storeId,
  errors,
  slugLocked,
  idPrefix = 'store',
}: {
  name: string;
  slug: string;
  storeId?: string;
  errors?: Record<string, string[] | undefined>;
  slugLocked?: boolean;
  idPrefix?: string;
}) {
  const [nameValue, setName] = useState(name);
  const [slugValue, setSlug] = useState(slug);
  const [touched, setTouched] = useState(Boolean(slug));
  const [result, setResult] = useState<(Check & { slug: string }) | null>(null);
  const statusId = useId();
  const value = slugValue.trim();

  useEffect(() => {
    if (slugLocked || !value) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const q = new URLSearchParams({ slug: value, ...(storeId ? { storeId } : {}) });
        const res = await fetch(`/seller/onboarding/slug?${q}`, { signal: controller.signal });
        const body = (await res.json()) as { available?: boolean; message?: string; error?: { message: string } };
        if (!res.ok) setResult({ slug: value, state: 'error', message: body.error?.message ?? 'Couldn’t check the address right now.' });
        else setResult({ slug: value, state: body.available ? 'available' : 'unavailable', message: body.available ? `“${value}” is available` : (body.message ?? 'Not available') });
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setResult({ slug: value, state: 'error', message: 'Couldn’t check the address right now.' });
      }
    }, 350);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [value, storeId, slugLocked]);

  // The answer shown is the one for what is in the field now; anything older reads as "checking".
  const check: Check = !value ? { state: 'idle', message: '' } : result?.slug === value ? result : { state: 'checking', message: 'Checking…' };
  const tone = check.state === 'available' ? 'text-green-800' : check.state === 'unavailable' || check.state === 'error' ? 'text-sale' : 'text-slate-600';
  return (
    <>
      <Field
        name="name"
        label="Store name"
        idPrefix={idPrefix}
        value={nameValue}
        onChange={(e) => {
          setName(e.target.value);
          if (!touched && !slugLocked) setSlug(suggestSlug(e.target.value));
        }}
        errors={errors?.name}
        autoComplete="organization"
        maxLength={80}
      />
      {slugLocked ? (
        <div>
          <p className="block text-sm font-medium">Store address</p>
          <p className="mt-1 font-mono text-sm text-slate-800">{slug}</p>
          <p className="text-xs text-slate-600">The address is fixed once a store is approved.</p>
        </div>
      ) : (
        <div>
          <Field
            name="slug"
            label="Store address"
            idPrefix={idPrefix}
            hint={SLUG_RULES}
            value={slugValue}
            onChange={(e) => {
              setTouched(true);
              setSlug(e.target.value.toLowerCase());
            }}
            errors={errors?.slug}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-describedby={[`${idPrefix}-slug-hint`, errors?.slug?.length ? `${idPrefix}-slug-error` : null, statusId].filter(Boolean).join(' ')}
          />
          <p id={statusId} role="status" aria-live="polite" className={`mt-1 min-h-5 text-sm ${tone}`}>
            {check.message}
          </p>
        </div>
      )}
    </>
  );
}
