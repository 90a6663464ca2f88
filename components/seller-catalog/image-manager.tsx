'use client';

import Image from 'next/image';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { deleteImageAction, moveImageAction, setImageAltAction } from '@/lib/seller-catalog/actions';
import { buttonClass, inputClass, secondaryButtonClass, smallButtonClass } from './ui';

type Img = { id: string; url: string; alt: string; width: number; height: number };
type Note = { ok: boolean; text: string };

const MAX_BYTES = 10 * 1024 * 1024;

/** Upload (several at once), reorder with buttons, alt text, delete. */
export function ImageManager({ storeId, productId, images }: { storeId: string; productId: string; images: Img[] }) {
  const router = useRouter();
  const uid = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const [pending, start] = useTransition();
  // After a move, keep the keyboard on the moved image: its button in the same direction, or the
  // other one when it reached the end (a disabled button can't hold focus).
  const refocus = useRef<{ id: string; dir: 'up' | 'down' } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want || pending) return;
    refocus.current = null;
    const find = (dir: string) => listRef.current?.querySelector<HTMLButtonElement>(`button[data-move="${want.id}:${dir}"]`);
    const same = find(want.dir);
    (same && !same.disabled ? same : find(want.dir === 'up' ? 'down' : 'up'))?.focus();
  }, [images, pending]);

  const upload = async (e: React.FormEvent) => {
    e.preventDefault();
    const files = [...(fileRef.current?.files ?? [])];
    if (!files.length) {
      setNotes([{ ok: false, text: 'Choose one or more image files first.' }]);
      return;
    }
    const out: Note[] = [];
    for (const [i, file] of files.entries()) {
      setUploading(`Uploading ${i + 1} of ${files.length}: ${file.name}…`);
      // Checked again on the server; this only saves a pointless upload.
      if (file.size > MAX_BYTES) {
        out.push({ ok: false, text: `${file.name}: the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is 10 MB.` });
        continue;
      }
      const body = new FormData();
      body.set('storeId', storeId);
      body.set('file', file);
      try {
        const res = await fetch(`/seller/products/${productId}/images`, { method: 'POST', body });
        const json = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
        out.push(res.ok ? { ok: true, text: `${file.name}: uploaded.` } : { ok: false, text: `${file.name}: ${json?.error?.message ?? `upload failed (${res.status}).`}` });
      } catch {
        out.push({ ok: false, text: `${file.name}: the upload did not reach the server. Check your connection and try again.` });
      }
    }
    setUploading(null);
    setNotes(out);
    if (fileRef.current) fileRef.current.value = '';
    if (out.some((n) => n.ok)) router.refresh();
  };

  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, success: string) =>
    start(async () => {
      const r = await fn();
      setNotes([r.ok ? { ok: true, text: success } : { ok: false, text: r.message ?? 'That did not work.' }]);
      if (r.ok) router.refresh();
    });

  return (
    <div className="space-y-5">
      <form onSubmit={upload} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${uid}-file`} className="block text-sm font-medium">
            Add images
          </label>
          <input
            ref={fileRef}
            id={`${uid}-file`}
            name="file"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
        </div>
        <button type="submit" disabled={uploading !== null} className={buttonClass}>
          {uploading ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      <div aria-live="polite" className="space-y-1 text-sm">
        {uploading ? <p role="status">{uploading}</p> : null}
        {notes.map((n, i) => (
          <p key={i} className={n.ok ? 'text-green-800' : 'text-sale'}>
            {n.text}
          </p>
        ))}
      </div>

      {images.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700">No images yet. Products with a picture sell better.</p>
      ) : (
        <ol ref={listRef} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {images.map((img, i) => (
            <li key={img.id} className="rounded-lg border border-slate-200 p-3">
              <div className="relative aspect-square overflow-hidden rounded bg-slate-100">
                <Image src={img.url} alt={img.alt} fill sizes="(min-width: 1024px) 20vw, (min-width: 640px) 40vw, 90vw" className="object-contain" />
                {i === 0 ? <span className="absolute top-2 left-2 rounded bg-white/90 px-2 py-0.5 text-xs font-medium">Main image</span> : null}
              </div>
              <p className="mt-2 text-xs text-slate-600">
                Image {i + 1} of {images.length} · {img.width}×{img.height}
              </p>
              <AltForm key={img.alt} id={`${uid}-alt-${img.id}`} alt={img.alt} disabled={pending} onSave={(alt) => run(() => setImageAltAction({ storeId, productId, imageId: img.id, alt }), 'Alt text saved.')} />
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  data-move={`${img.id}:up`}
                  className={smallButtonClass}
                  disabled={pending || i === 0}
                  onClick={() => {
                    refocus.current = { id: img.id, dir: 'up' };
                    run(() => moveImageAction({ storeId, productId, imageId: img.id, direction: 'up' }), `Image moved to position ${i}.`);
                  }}
                  aria-label={`Move image ${i + 1} up`}
                >
                  ↑ Up
                </button>
                <button
                  type="button"
                  className={smallButtonClass}
                  data-move={`${img.id}:down`}
                  disabled={pending || i === images.length - 1}
                  onClick={() => {
                    refocus.current = { id: img.id, dir: 'down' };
                    run(() => moveImageAction({ storeId, productId, imageId: img.id, direction: 'down' }), `Image moved to position ${i + 2}.`);
                  }}
                  aria-label={`Move image ${i + 1} down`}
                >
                  ↓ Down
                </button>
                <button
                  type="button"
                  className={`${smallButtonClass} ml-auto text-sale`}
                  disabled={pending}
                  onClick={() => {
                    if (window.confirm('Delete this image?')) run(() => deleteImageAction({ storeId, productId, imageId: img.id }), 'Image deleted.');
                  }}
                  aria-label={`Delete image ${i + 1}`}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function AltForm({ id, alt, disabled, onSave }: { id: string; alt: string; disabled: boolean; onSave: (alt: string) => void }) {
  const [value, setValue] = useState(alt);
  return (
    <form
      className="mt-2 flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value);
      }}
    >
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block text-xs font-medium">
          Alt text
        </label>
        <input id={id} value={value} maxLength={250} onChange={(e) => setValue(e.target.value)} className={`${inputClass} py-1 text-sm`} />
      </div>
      <button type="submit" disabled={disabled || value === alt} className={secondaryButtonClass}>
        Save
      </button>
    </form>
  );
}
