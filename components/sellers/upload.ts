'use client';

export type UploadOutcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/**
 * Sends a file as the raw request body with XMLHttpRequest, the one browser API that reports
 * upload progress. The name travels URI-encoded in X-File-Name.
 */
export function uploadFile<T>(url: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadOutcome<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true, data: body as T });
      const fieldMessage = body?.error?.fields ? Object.values(body.error.fields).flat()[0] : undefined;
      resolve({
        ok: false,
        code: body?.error?.code ?? `http_${xhr.status}`,
        message: fieldMessage ?? body?.error?.message ?? (xhr.status === 413 ? 'The file is too large.' : 'The upload failed. Try again.'),
      });
    };
    xhr.onerror = () => resolve({ ok: false, code: 'network', message: 'The upload failed: check your connection and try again.' });
    xhr.onabort = () => resolve({ ok: false, code: 'aborted', message: 'Upload cancelled.' });
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
