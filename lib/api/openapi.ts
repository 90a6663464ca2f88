import { z } from 'zod';
import { errorSchema } from './errors';
import type { AnyRoute } from './handler';
import { MAX_BODY_BYTES } from './handler';
import { API_LIMITS } from './limits';
import { apiRoutes } from './registry';

type Json = Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: `details.fields` maps each bad parameter or body field to its messages.',
  401: 'No credentials: send the cart token as `Authorization: Bearer <token>`.',
  402: 'The payment was declined (`payment_declined`, `authentication_failed`); nothing was charged.',
  403: 'Not allowed.',
  404: 'Not found, or not visible with these credentials (the two are indistinguishable).',
  409: 'Conflict: `out_of_stock` (with `details.lines`), `cart_closed`, `checkout_in_progress`, `request_in_progress` (with Retry-After).',
  413: `The body is larger than ${MAX_BODY_BYTES / 1024} kB.`,
  415: 'The body is not declared as JSON.',
  422: 'Refused: `idempotency_key_reused`, `cart_empty`, `shipping_unavailable`, `invalid_card`, …',
  429: 'Rate limited: retry after `Retry-After` seconds.',
  500: 'Unexpected error; nothing internal is revealed.',
  502: 'The payment provider could not be reached (`payment_error`); nothing was charged.',
  503: 'Temporarily unavailable (`gate_unavailable`: flash-sale buying is paused): retry after `Retry-After` seconds.',
};

const rateHeaders = {
  'X-RateLimit-Limit': { description: 'Requests allowed in the window.', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the window.', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'When the window resets (Unix seconds).', schema: { type: 'integer' } },
};

/**
 * A zod schema as OpenAPI 3.1 JSON Schema: named schemas (`.meta({ id })`) move into
 * `components.schemas` and are referenced from there.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const js = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  const defs = (js.$defs ?? {}) as Record<string, Json>;
  delete js.$defs;
  delete js.$schema;
  for (const [id, def] of Object.entries(defs)) components[id] = rewriteRefs(def);
  return rewriteRefs(js) as Json;
}

function rewriteRefs(v: unknown): Json {
  if (Array.isArray(v)) return v.map(rewriteRefs) as unknown as Json;
  if (!v || typeof v !== 'object') return v as Json;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(x);
  return out;
}

/** Path, query or header parameters from an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header', components: Json): Json[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input', components);
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    const isArray = JSON.stringify(rest).includes('"type":"array"');
    return {
      name: where === 'header' ? name.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()) : name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      ...(isArray ? { explode: true, style: 'form' } : {}),
      schema: rest,
    };
  });
}

const security = (auth: AnyRoute['auth']) => (auth === 'cart' ? [{ cartToken: [] }] : auth === 'order' ? [{ cartToken: [] }, { session: [] }] : []);

function operation(route: AnyRoute, schemas: Json): Json {
  const responses: Json = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = {
      description: r.description,
      headers: { ...rateHeaders, ...(route.id === 'createCheckout' ? { 'Idempotent-Replayed': { description: 'Present (`true`) on a stored response replayed for a repeated Idempotency-Key.', schema: { type: 'string' } } } : {}) },
      ...(r.schema ? { content: { 'application/json': { schema: jsonSchema(r.schema, 'output', schemas) } } } : {}),
    };
  }
  for (const status of [...route.errors, 500]) responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  return {
    operationId: route.id,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: security(route.auth),
    parameters: [...parameters(route.params, 'path', schemas), ...parameters(route.query, 'query', schemas), ...parameters(route.headers, 'header', schemas)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input', schemas) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the v1 API, built from the route registry and its zod schemas. */
export function buildOpenApi(routes: readonly AnyRoute[] = apiRoutes, serverUrl = '/api/v1'): Json {
  const schemas: Json = {};
  const errorRef = jsonSchema(errorSchema, 'output', schemas);
  const statuses = [...new Set(routes.flatMap((r) => [...r.errors, 500]))].sort();
  const responses: Json = {};
  for (const s of statuses) {
    responses[`Error${s}`] = {
      description: ERROR_TEXT[s] ?? 'Error.',
      ...(s === 429 || s === 409 || s === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema: errorRef } },
    };
  }
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r, schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Marketplace API',
      version: '1.0.0',
      description: [
        'JSON over HTTPS. Money is integer minor units with an ISO currency. Every error has the shape `{ "error": { "code", "message", "details"? } }`.',
        `Rate limits per client IP per minute: reads ${API_LIMITS.read.limit}, cart writes ${API_LIMITS.write.limit}, checkout ${API_LIMITS.checkoutIp.limit} (and ${API_LIMITS.checkoutCart.limit} per cart); over the limit → 429 with Retry-After. Every response carries X-RateLimit-Limit/Remaining/Reset.`,
        'Carts are created with POST /carts, which returns a secret token once; send it as `Authorization: Bearer <token>` to use the cart, check it out and read its order.',
      ].join('\n\n'),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        cartToken: { type: 'http', scheme: 'bearer', description: 'The cart token returned by POST /carts (or, for GET /orders/{id}, the order access token).' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The storefront session (signed-in owners reading their orders).' },
      },
    },
  };
}

let cached: Json | null = null;
export function openApiDocument(): Json {
  return (cached ??= buildOpenApi());
}
