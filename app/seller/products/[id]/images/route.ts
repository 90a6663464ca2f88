import { and, eq } from 'drizzle-orm';
import { revalidateTag } from 'next/cache';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { products } from '@/db/schema/catalog';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { jsonError } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';
import { addProductImage, storeImageFile } from '@/lib/seller-catalog/images';
import { routeScope } from '@/lib/seller-catalog/route-auth';
import { MAX_IMAGE_BYTES, processImageUpload } from '@/lib/seller-catalog/upload';

// Multipart overhead allowed on top of the image itself.
const MAX_BODY = MAX_IMAGE_BYTES + 256 * 1024;

/**
 * Uploads one product image (multipart: `file`, `storeId`, optional `alt`). The file is checked
 * by content, re-encoded to WebP and stored under its content hash; its name is never a path.
 * 201 { image: { id, url } } or { error: { code, message } } with 4xx.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const productId = z.uuid().safeParse((await ctx.params).id);
  if (!productId.success) return jsonError(404, 'not_found', 'That product was not found.');
  const length = Number(req.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length)) return jsonError(411, 'length_required', 'The upload must say how large it is.');
  if (length > MAX_BODY) return jsonError(413, 'file_too_large', `The file is larger than the ${MAX_IMAGE_BYTES / 1048576} MB limit.`);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return jsonError(400, 'invalid_input', 'Send the image as multipart/form-data with a "file" field.');
  }
  const scope = await routeScope(req, form.get('storeId'), { write: true });
  if (scope instanceof Response) return scope;
  const file = form.get('file');
  if (!(file instanceof File)) return jsonError(400, 'invalid_input', 'Choose an image file to upload.', { file: ['Choose an image file'] });
  const altRaw = form.get('alt');
  const alt = typeof altRaw === 'string' ? altRaw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 250) : '';
  try {
    const db = await getDb();
    const [own] = await db.select({ id: products.id }).from(products).where(and(eq(products.id, productId.data), eq(products.storeId, scope.storeId)));
    if (!own) return jsonError(404, 'not_found', 'That product was not found.');
    const image = await processImageUpload(new Uint8Array(await file.arrayBuffer()), file.name, file.type);
    const url = await storeImageFile(image);
    const r = await addProductImage(db, scope, productId.data, { url, width: image.width, height: image.height, alt });
    // Shown on the storefront at once: the next request renders afresh.
    for (const tag of r.tags) revalidateTag(tag, { expire: 0 });
    return NextResponse.json({ image: { id: r.imageId, url } }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof DomainError) return jsonError(err.status, err.code, err.message);
    logger.error('seller image upload failed', { productId: productId.data, ...errorFields(err) });
    return jsonError(500, 'internal', 'Something went wrong. Please try again.');
  }
}
