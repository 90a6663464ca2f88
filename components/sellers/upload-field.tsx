'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { formatBytes, uploadFile } from './upload';

type Status = { kind: 'idle' } | { kind: 'uploading'; name: string; fraction: number } | { kind: 'error'; message: string } | { kind: 'done'; message: string };

/**
 * A file input that uploads on selection, with a progress bar, a cancel button and the server's
 * error in words. The server validates everything; the size check here only saves a wasted upload.
 */
export function UploadField({
  label,
  hint,
  accept,
  maxBytes,
  endpoint,
  doneText,
  disabled,
}: {
  label: string;
  hint: string;
  accept: string;
  maxBytes: number;
  endpoint: string;
  /** The success line; `{name}` stands for the file's name (a string: server pages render this component). */
  doneText: string;
  disabled?: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function onChange(file: File | undefined) {
    if (!file) return;
    if (file.size > maxBytes) {
      setStatus({ kind: 'error', message: `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.` });
      if (input.current) input.current.value = '';
      return;
    }
    abort.current = new AbortController();
    setStatus({ kind: 'uploading', name: file.name, fraction: 0 });
    const result = await uploadFile(endpoint, file, (fraction) => setStatus({ kind: 'uploading', name: file.name, fraction }), abort.current.signal);
    abort.current = null;
    if (input.current) input.current.value = '';
    if (result.ok) {
      setStatus({ kind: 'done', message: doneText.replace('{name}', file.name) });
      router.refresh();
    } else {
      setStatus({ kind: 'error', message: result.message });
    }
  }

  const uploading = status.kind === 'uploading';
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled || uploading}
        aria-describedby={`${id}-hint ${id}-status`}
        aria-invalid={status.kind === 'error'}
        onChange={(e) => void onChange(e.currentTarget.files?.[0])}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-medium hover:file:bg-slate-50 disabled:opacity-60"
      />
      <div id={`${id}-status`}>
        {uploading ? (
          <div className="flex items-center gap-3" role="status">
            <progress max={1} value={status.fraction} aria-label={`Uploading ${status.name}`} className="h-2 w-48 overflow-hidden rounded accent-brand-600" />
            <span className="text-sm text-slate-700">
              Uploading {status.name}… {Math.round(status.fraction * 100)}%
            </span>
            <button type="button" onClick={() => abort.current?.abort()} className="text-sm text-brand-700 underline">
              Cancel
            </button>
          </div>
        ) : null}
        <p role="status" className="text-sm text-green-800">
          {status.kind === 'done' ? status.message : null}
        </p>
        {status.kind === 'error' ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {status.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
