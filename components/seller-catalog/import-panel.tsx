'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass, secondaryButtonClass } from './ui';

type Issue = { row: number; column: string; message: string };
type Job = {
  id: string;
  fileName: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  createdProducts: number;
  updatedProducts: number;
  skippedProducts: number;
  appliedRows: number;
  errorCount: number;
  failure: string | null;
  errors: Issue[];
};

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload a CSV, watch its progress (the page polls the job), read the report by row and column. */
export function ImportPanel({ storeId, initialJobId }: { storeId: string; initialJobId?: string }) {
  const router = useRouter();
  const uid = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [jobId, setJobId] = useState<string | null>(initialJobId ?? null);
  const [job, setJob] = useState<Job | null>(null);
  const [sending, setSending] = useState(false);
  const [rejected, setRejected] = useState<{ message: string; issues: Issue[] } | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    let failures = 0;
    const poll = async () => {
      try {
        const res = await fetch(`/seller/products/import/jobs/${jobId}`, { cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        const { job: next } = (await res.json()) as { job: Job };
        if (stopped) return;
        failures = 0;
        setPollError(null);
        setJob(next);
        if (next.status === 'completed' || next.status === 'failed') {
          router.refresh();
          requestAnimationFrame(() => reportRef.current?.focus());
          return;
        }
      } catch {
        failures++;
        if (failures >= 3) setPollError('Progress could not be loaded; still trying…');
      }
      if (!stopped) timer = setTimeout(poll, Math.min(1000 * 2 ** Math.max(0, failures - 1), 8000));
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, router]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setRejected(null);
    if (!file) return setRejected({ message: 'Choose a CSV file first.', issues: [] });
    if (file.size > MAX_BYTES) return setRejected({ message: `The file is ${(file.size / 1048576).toFixed(1)} MB; the limit is 20 MB. Split it into smaller files.`, issues: [] });
    setSending(true);
    setJob(null);
    const body = new FormData();
    body.set('storeId', storeId);
    body.set('file', file);
    try {
      const res = await fetch('/seller/products/import/upload', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { job?: { id: string }; error?: { message: string; issues?: Issue[] } } | null;
      if (res.ok && json?.job) {
        setJobId(json.job.id);
        if (fileRef.current) fileRef.current.value = '';
      } else {
        setRejected({ message: json?.error?.message ?? `The upload failed (${res.status}).`, issues: json?.error?.issues ?? [] });
      }
    } catch {
      setRejected({ message: 'The upload did not reach the server. Check your connection and try again.', issues: [] });
    } finally {
      setSending(false);
    }
  };

  const running = job && (job.status === 'queued' || job.status === 'running');
  const pct = job && job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${uid}-file`} className="block text-sm font-medium">
            CSV file (UTF-8, up to 20 MB)
          </label>
          <input
            ref={fileRef}
            id={`${uid}-file`}
            type="file"
            accept=".csv,text/csv"
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
        </div>
        <button type="submit" disabled={sending || Boolean(running)} className={buttonClass}>
          {sending ? 'Uploading…' : 'Import'}
        </button>
      </form>

      {rejected ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">{rejected.message}</p>
          {rejected.issues.length ? <IssueTable issues={rejected.issues} caption="Problems in the file" /> : null}
        </div>
      ) : null}

      {job ? (
        <div className="rounded-md border border-slate-200 p-4">
          <p className="text-sm text-slate-700">
            Import of <strong>{job.fileName}</strong>
          </p>
          <div className="mt-2" aria-live="polite">
            {running ? (
              <>
                <label htmlFor={`${uid}-progress`} className="text-sm">
                  {job.status === 'queued' ? 'Waiting to start…' : `Importing: ${job.processedRows.toLocaleString()} of ${job.totalRows.toLocaleString()} rows (${pct}%)`}
                </label>
                <progress id={`${uid}-progress`} max={job.totalRows || 1} value={job.processedRows} className="mt-1 block h-3 w-full" />
                <p className="mt-1 text-xs text-slate-600">
                  {job.createdProducts} created · {job.updatedProducts} updated · {job.skippedProducts} skipped · {job.errorCount} error(s) so far. You can leave this page; the import continues.
                </p>
              </>
            ) : null}
          </div>
          {pollError ? <p className="mt-1 text-sm text-amber-800">{pollError}</p> : null}
          {job.status === 'completed' || job.status === 'failed' ? (
            <div className="mt-2">
              <h3 ref={reportRef} tabIndex={-1} className="text-base font-semibold">
                {job.status === 'failed' ? 'Import stopped' : job.errorCount ? 'Import finished with errors' : 'Import finished'}
              </h3>
              {job.failure ? <p className="mt-1 text-sm text-sale">{job.failure}</p> : null}
              <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
                <Stat label="Rows" value={job.totalRows} />
                <Stat label="Products created" value={job.createdProducts} />
                <Stat label="Products updated" value={job.updatedProducts} />
                <Stat label="Products skipped" value={job.skippedProducts} />
              </dl>
              {job.errorCount ? (
                <>
                  <p className="mt-3 text-sm">
                    {job.errorCount} error(s). Products with an error were skipped whole; fix the rows below and import the file again (already imported products are updated, not duplicated).
                  </p>
                  <IssueTable issues={job.errors} caption={job.errorCount > job.errors.length ? `The first ${job.errors.length} errors` : 'Errors by row and column'} />
                  <a href={`/seller/products/import/jobs/${job.id}/report`} className={`mt-3 ${secondaryButtonClass}`} download>
                    Download the error report (CSV)
                  </a>
                </>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-semibold tabular-nums">{value.toLocaleString()}</dd>
    </div>
  );
}

function IssueTable({ issues, caption }: { issues: Issue[]; caption: string }) {
  return (
    <div className="relative mt-2 max-h-96 overflow-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Row
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Column
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-900">
          {issues.map((e, i) => (
            <tr key={i}>
              <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.column}</td>
              <td className="px-3 py-1.5">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
