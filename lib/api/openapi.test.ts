import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';
import { apiRoutes } from './registry';

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string; required: boolean }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const doc = buildOpenApi() as unknown as Doc;

/** Every `$ref` in the document. */
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with paths, components and the error schema', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(5);
    expect(doc.components.schemas.Error).toMatchObject({
      type: 'object',
      properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
      required: ['error'],
    });
    expect(doc.components.securitySchemes.cartToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('has every route of the registry, once, with its operation id', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => `${m.toUpperCase()} ${path} ${op.operationId}`));
    expect(ops.sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path} ${r.id}`).sort());
    expect(new Set(apiRoutes.map((r) => r.id)).size).toBe(apiRoutes.length);
  });

  it('documents every path parameter, the request bodies and the error responses', () => {
    for (const r of apiRoutes) {
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort(), r.id).toEqual(inPath.sort());
      expect(Boolean(op.requestBody), r.id).toBe(Boolean(r.body));
      for (const s of [...r.errors, 500]) expect(op.responses[String(s)], `${r.id} ${s}`).toEqual({ $ref: `#/components/responses/Error${s}` });
      for (const s of Object.keys(r.responses)) expect(op.responses[s], `${r.id} ${s}`).toBeDefined();
    }
  });

  it('checkout requires the Idempotency-Key header and documents the test card body', () => {
    const op = doc.paths['/checkout']!.post!;
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    const body = JSON.stringify(op.requestBody);
    for (const field of ['cartId', 'email', 'shippingAddress', 'payment', '"const":"test"']) expect(body).toContain(field);
  });

  it('resolves every $ref and keeps no JSON Schema leftovers', () => {
    for (const ref of refs(doc)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
      expect(section && name ? (doc.components as Record<string, Record<string, unknown>>)[section]![name] : undefined, ref).toBeDefined();
    }
    const text = JSON.stringify(doc);
    expect(text).not.toContain('#/$defs/');
    expect(text).not.toContain('"$schema"');
  });
});
