import { NextResponse } from 'next/server';
import type { z } from 'zod';

/** The one error shape of every JSON route: { error: { code, message, fields? } }. */
export function jsonError(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function validationError(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return jsonError(400, 'invalid_input', 'The request is invalid.', fields);
}

/** Search params as a plain object (repeated keys keep the first value). */
export function queryObject(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}

/** The client's IP as the proxy in front reports it (first X-Forwarded-For hop), or null. */
export function clientIp(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || null;
}
