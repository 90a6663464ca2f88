import { z } from 'zod';
import { defineRoute } from '../handler';

export const openApiRoute = defineRoute({
  id: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  tag: 'Meta',
  summary: 'This document',
  description: 'The OpenAPI 3.1 description of the v1 API, generated from the zod schemas the handlers validate with.',
  auth: 'none',
  limit: 'read',
  responses: { 200: { description: 'An OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) } },
  errors: [429],
  cache: 'public, max-age=300',
  async handle() {
    // Imported here: the document is built from the registry, which imports this route.
    const { openApiDocument } = await import('../openapi');
    return { status: 200, body: openApiDocument() };
  },
});
