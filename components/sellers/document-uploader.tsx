'use client';

import { useId, useState } from 'react';
import { inputClass } from '@/components/accounts/account-field';
import { UploadField } from './upload-field';

type Option = { value: string; label: string };

const TEN_MB = 10 * 1024 * 1024;

/** Choose what the document is, then pick the file: it uploads at once, with progress. */
export function DocumentUploader({ storeId, kinds, disabled }: { storeId: string; kinds: Option[]; disabled?: boolean }) {
  const [kind, setKind] = useState('');
  const prefix = useId().replace(/:/g, '');
  return (
    <div className="max-w-xl space-y-4 rounded-lg border border-slate-200 p-4">
      <div>
        <label htmlFor={`${prefix}-kind`} className="block text-sm font-medium">
          Document type
        </label>
        <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} className={inputClass}>
          <option value="">Choose…</option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <UploadField
        label="Document file"
        hint={kind ? 'PDF, PNG or JPEG, up to 10 MB. The file is checked by its content, not its name.' : 'Choose the document type first. PDF, PNG or JPEG, up to 10 MB.'}
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        maxBytes={TEN_MB}
        endpoint={`/seller/onboarding/uploads/document?storeId=${encodeURIComponent(storeId)}&kind=${encodeURIComponent(kind)}`}
        doneText="“{name}” uploaded."
        disabled={disabled || !kind}
      />
    </div>
  );
}
