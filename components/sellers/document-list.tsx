import type { DocumentSummary } from '@/lib/sellers/onboarding';
import { RemoveDocumentButton } from './remove-document-button';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Uploaded KYC documents; each opens through the authorized document route, never a public URL. */
export function DocumentList({ documents, kindLabel, removable }: { documents: DocumentSummary[]; kindLabel: Record<string, string>; removable: boolean }) {
  if (!documents.length) {
    return <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-700">No documents yet. Add at least one identity or business document.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {documents.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{d.fileName}</p>
            <p className="text-xs text-slate-600">
              {kindLabel[d.kind] ?? d.kind} · {d.contentType === 'application/pdf' ? 'PDF' : d.contentType.replace('image/', '').toUpperCase()} · {size(d.byteSize)}
            </p>
          </div>
          <a href={`/seller/onboarding/documents/${d.id}`} className="text-sm text-brand-700 underline" aria-label={`Download ${d.fileName}`}>
            Download
          </a>
          {removable ? <RemoveDocumentButton documentId={d.id} fileName={d.fileName} /> : null}
        </li>
      ))}
    </ul>
  );
}
