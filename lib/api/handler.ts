import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/lib/platform/db';
import { DomainError, RateLimitedError } from '@/lib/platform/errors';
import { clientIp } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';
import type { RateLimitResult } from '@/lib/platform/ratelimit';
import { apiDb } from './context';
import { ApiError, errorBody, invalidInput } from './errors';
import { apiLimiter, type LimitName } from './limits';

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How a route authenticates, for the docs (the handler itself enforces it). */
export type RouteAuth = 'none' | 'cart' | 'order';

export type Ctx<P, Q, B, H> = {
  req: Request;
  db: Db;
  params: P;
  query: Q;
  body: B;
  headers: H;
  ip: string;
  requestId: string;
  /** Counts one request against a further limiter (e.g. per cart); throws a 429 when over. */
  limit: (name: LimitName, key: string) => Promise<void>;
};

/** A JSON reply; `raw` is sent as is (a stored idempotent response, byte for byte). */
export type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

export type RouteSpec<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, H extends Schema | undefined = undefined> = {
  /** The OpenAPI operationId. */
  id: string;
  method: Method;
  /** The path under /api/v1 in OpenAPI form: `/carts/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: RouteAuth;
  /** The per-IP limiter every request counts against. */
  limit: LimitName;
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers the route reads (lower-case names), validated like the rest. */
  headers?: H;
  /** Success statuses and their bodies; a body is parsed through its schema before it is sent, so the document and the code agree. */
  responses: Record<number, { description: string; schema?: Schema }>;
  /** Error statuses the route can answer with (all in the one error shape). */
  errors: number[];
  /** Cache-Control of successful responses (default: no-store). */
  cache?: string;
  handle: (ctx: Ctx<Out<P>, Out<Q>, Out<B>, Out<H>>) => Promise<Reply>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

/** Declares a route; the same object drives the handler and the OpenAPI document. */
export function defineRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, H extends Schema | undefined = undefined>(
  spec: RouteSpec<P, Q, B, H>,
): RouteSpec<P, Q, B, H> {
  return spec;
}

type NextCtx = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The route handler for a spec: rate limit → params, query, headers and body parsed with the
 * spec's zod schemas (400 with per-field details; 415 for a body that is not JSON, 413 over
 * 64 kB) → the handler → JSON. Expected failures (DomainError) keep their status and code;
 * anything else is logged and answered with a generic 500 that reveals nothing.
 */
export function toHandler(spec: AnyRoute): (req: Request, ctx?: NextCtx) => Promise<Response> {
  return async (req, ctx) => {
    const started = performance.now();
    const requestId = randomUUID();
    const ip = clientIp(req.headers) ?? 'unknown';
    const rate: { current: RateLimitResult | null } = { current: null };
    const limit = async (name: LimitName, key: string) => {
      const r = await apiLimiter(name).limit(key);
      // The headers describe the limiter closest to refusing.
      if (!rate.current || !r.success || (rate.current.success && r.remaining < rate.current.remaining)) rate.current = r;
      if (!r.success) throw new RateLimitedError(r.retryAfter);
    };
    let res: Response;
    try {
      await limit(spec.limit, ip);
      const params = parse(spec.params, ctx ? await ctx.params : {}, 'path');
      const query = parse(spec.query, queryObject(req.url), 'query');
      const headers = parse(spec.headers, headerObject(req.headers, spec.headers), 'header');
      const body = spec.body ? parse(spec.body, await readJson(req), 'body') : undefined;
      const db = await apiDb();
      const reply = await spec.handle({ req, db, params, query, body, headers, ip, requestId, limit });
      res = toResponse(spec, reply);
    } catch (err) {
      res = errorResponse(err, { route: spec.id, requestId });
    }
    res.headers.set('X-Request-Id', requestId);
    // Time inside the handler (limits, parsing, work): with the client's own timing it tells service time from queueing.
    res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
    const r = rate.current;
    if (r) {
      res.headers.set('X-RateLimit-Limit', String(r.limit));
      res.headers.set('X-RateLimit-Remaining', String(r.remaining));
      res.headers.set('X-RateLimit-Reset', String(Math.ceil(r.reset / 1000)));
    }
    return res;
  };
}

function parse(schema: Schema | undefined, value: unknown, where: 'path' | 'query' | 'header' | 'body') {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error, where === 'body' ? undefined : where);
  return parsed.data;
}

/** Query parameters as an object; a repeated key becomes an array (`brand=a&brand=b`). */
export function queryObject(url: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function headerObject(headers: Headers, schema: Schema | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!schema || !(schema instanceof z.ZodObject)) return out;
  for (const name of Object.keys(schema.shape)) {
    const v = headers.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The body as JSON: 415 unless it is declared JSON, 413 past MAX_BODY_BYTES, 400 when it does not parse. */
async function readJson(req: Request): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers.get('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

const tooLarge = () => new ApiError(413, 'payload_too_large', `The body must be at most ${MAX_BODY_BYTES / 1024} kB.`);

function toResponse(spec: AnyRoute, reply: Reply): Response {
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': reply.status < 300 ? (spec.cache ?? 'no-store') : 'no-store', ...reply.headers });
  if (reply.raw !== undefined) return new Response(reply.raw, { status: reply.status, headers });
  const schema = spec.responses[reply.status]?.schema;
  // Through the documented schema: unknown keys are dropped, a mismatch is a bug (500, logged).
  const body = schema ? schema.parse(reply.body) : reply.body;
  return new Response(body === undefined ? null : JSON.stringify(body), { status: reply.status, headers });
}

/** The error shape for anything thrown: expected failures keep their status; the rest is a logged 500. */
export function errorResponse(err: unknown, context: Record<string, unknown> = {}): Response {
  const { status, body, headers } = errorReply(err, context);
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

export function errorReply(err: unknown, context: Record<string, unknown> = {}): { status: number; body: ReturnType<typeof errorBody>; headers: Record<string, string> } {
  if (err instanceof ApiError) return { status: err.status, body: errorBody(err.code, err.message, err.details), headers: { ...err.headers } };
  if (err instanceof RateLimitedError) {
    return { status: 429, body: errorBody('rate_limited', err.message, { retryAfter: err.retryAfter }), headers: { 'Retry-After': String(err.retryAfter) } };
  }
  // Expected failures carry a safe message by design (a 503 with Retry-After included); a 500 is never expected.
  if (err instanceof DomainError && err.status >= 400 && err.status !== 500) {
    const lines = (err as DomainError & { lines?: unknown }).lines;
    return { status: err.status, body: errorBody(err.code, err.message, lines ? { lines } : undefined), headers: {} };
  }
  logger.error('api request failed', { ...context, ...errorFields(err) });
  return { status: 500, body: errorBody('internal_error', 'Something went wrong on our side. Try again later.'), headers: {} };
}

/** Unknown paths under /api/v1: the error shape, not the HTML 404 page. */
export async function notFoundHandler(req: Request): Promise<Response> {
  const res = errorResponse(new ApiError(404, 'not_found', `No route for ${req.method} ${new URL(req.url).pathname}. See /api/v1/openapi.json.`));
  res.headers.set('X-Request-Id', randomUUID());
  return res;
}
