import { NextResponse } from 'next/server';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { jsonError } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';
import { ImportRejectedError, MAX_IMPORT_BYTES, startImport } from '@/lib/seller-catalog/import';
import { runImportAfterResponse } from '@/lib/seller-catalog/import-runner';
import { routeScope } from '@/lib/seller-catalog/route-auth';

const MAX_BODY = MAX_IMPORT_BYTES + 256 * 1024;

/**
 * Starts a CSV import (multipart: `file`, `storeId`). The syntax and header are checked now
 * (422 with the issues, nothing imported); the rows are applied in the background while the
 * page polls the job. 202 { job: { id, totalRows } }.
 */
export async function POST(req: Request) {
  const length = Number(req.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length)) return jsonError(411, 'length_required', 'The upload must say how large it is.');
  if (length > MAX_BODY) return jsonError(413, 'file_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB. Split it into smaller files.`);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return jsonError(400, 'invalid_input', 'Send the CSV as multipart/form-data with a "file" field.');
  }
  const scope = await routeScope(req, form.get('storeId'), { write: true });
  if (scope instanceof Response) return scope;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return jsonError(400, 'invalid_input', 'Choose a CSV file to import.', { file: ['Choose a CSV file'] });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return jsonError(422, 'import_rejected', 'The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.');
  }
  try {
    const job = await startImport(await getDb(), scope, { name: file.name, text });
    runImportAfterResponse(job.id);
    return NextResponse.json({ job: { id: job.id, totalRows: job.totalRows } }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof ImportRejectedError) return NextResponse.json({ error: { code: err.code, message: err.message, issues: err.issues } }, { status: 422, headers: { 'Cache-Control': 'no-store' } });
    if (err instanceof DomainError) return jsonError(err.status, err.code, err.message);
    logger.error('catalog import upload failed', errorFields(err));
    return jsonError(500, 'internal', 'Something went wrong. Please try again.');
  }
}
