import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { productImages } from '@/db/schema/catalog';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { mediaRoot } from '@/lib/platform/storage';
import { CatalogRuleError } from './errors';
import { afterProductWrite, lockProduct } from './products';
import type { StoreScope } from './scope';
import type { ProcessedImage } from './upload';

export const MAX_IMAGES_PER_PRODUCT = 20;
const UPLOAD_DIR = 'uploads';

/** Stores the WebP under a name made of its content hash: the uploaded name never reaches the disk. */
export async function storeImageFile(img: ProcessedImage, root = mediaRoot()): Promise<string> {
  const name = `${img.hash.slice(0, 40)}.webp`;
  const dir = path.join(root, UPLOAD_DIR);
  const file = path.join(dir, name);
  const exists = await stat(file).then((s) => s.size === img.data.length, () => false);
  if (!exists) {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(tmp, img.data);
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }
  return `/media/${UPLOAD_DIR}/${name}`;
}

export async function listProductImages(db: DbOrTx, scope: StoreScope, productId: string) {
  return db
    .select({ id: productImages.id, url: productImages.url, alt: productImages.alt, width: productImages.width, height: productImages.height, position: productImages.position })
    .from(productImages)
    .where(and(eq(productImages.productId, productId), sql`exists (select 1 from products p where p.id = ${productImages.productId} and p.store_id = ${scope.storeId})`))
    .orderBy(asc(productImages.position), asc(productImages.id));
}

/** Adds an uploaded (already processed and stored) image at the end of the product's gallery. */
export async function addProductImage(db: DbOrTx, scope: StoreScope, productId: string, image: { url: string; width: number; height: number; alt: string }) {
  return db.transaction(async (tx) => {
    const p = await lockProduct(tx, scope, productId);
    const [agg] = await tx
      .select({ n: sql<number>`count(*)::int`, next: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
      .from(productImages)
      .where(eq(productImages.productId, p.id));
    if ((agg?.n ?? 0) >= MAX_IMAGES_PER_PRODUCT) throw new CatalogRuleError('too_many_images', `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images. Delete one first.`);
    const [row] = await tx
      .insert(productImages)
      .values({ productId: p.id, url: image.url, width: image.width, height: image.height, alt: image.alt || p.title, position: agg?.next ?? 0 })
      .returning({ id: productImages.id });
    return { imageId: row!.id, productId: p.id, tags: await afterProductWrite(tx, p.id) };
  });
}

async function imageOf(tx: DbOrTx, productId: string, imageId: string) {
  const [img] = await tx.select().from(productImages).where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)));
  if (!img) throw new NotFoundError('That image');
  return img;
}

export async function setImageAlt(db: DbOrTx, scope: StoreScope, productId: string, imageId: string, alt: string) {
  return db.transaction(async (tx) => {
    const p = await lockProduct(tx, scope, productId);
    await imageOf(tx, p.id, imageId);
    await tx.update(productImages).set({ alt }).where(eq(productImages.id, imageId));
    return { productId: p.id, tags: await afterProductWrite(tx, p.id) };
  });
}

/** Moves an image one place up or down (the first image is the product's main picture). */
export async function moveImage(db: DbOrTx, scope: StoreScope, productId: string, imageId: string, direction: 'up' | 'down') {
  return db.transaction(async (tx) => {
    const p = await lockProduct(tx, scope, productId);
    const all = await tx.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, p.id)).orderBy(asc(productImages.position), asc(productImages.id));
    const i = all.findIndex((r) => r.id === imageId);
    if (i < 0) throw new NotFoundError('That image');
    const j = direction === 'up' ? i - 1 : i + 1;
    const order = all.map((r) => r.id);
    if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [position, id] of order.entries()) await tx.update(productImages).set({ position }).where(eq(productImages.id, id));
    return { productId: p.id, position: Math.max(0, Math.min(j, order.length - 1)), tags: await afterProductWrite(tx, p.id) };
  });
}

/** Deletes an image; its file goes too when no other image row uses it (uploads only, never seed media). */
export async function deleteImage(db: DbOrTx, scope: StoreScope, productId: string, imageId: string, root = mediaRoot()) {
  const result = await db.transaction(async (tx) => {
    const p = await lockProduct(tx, scope, productId);
    const img = await imageOf(tx, p.id, imageId);
    await tx.delete(productImages).where(eq(productImages.id, img.id));
    const rest = await tx.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, p.id)).orderBy(asc(productImages.position), asc(productImages.id));
    for (const [position, r] of rest.entries()) await tx.update(productImages).set({ position }).where(eq(productImages.id, r.id));
    const [still] = await tx.select({ id: productImages.id }).from(productImages).where(eq(productImages.url, img.url)).limit(1);
    return { productId: p.id, url: img.url, orphaned: !still, tags: await afterProductWrite(tx, p.id) };
  });
  const m = /^\/media\/uploads\/([a-f0-9]{40}\.webp)$/.exec(result.url);
  if (result.orphaned && m) {
    await unlink(path.join(root, UPLOAD_DIR, m[1]!)).catch((err: unknown) => logger.warn('seller-catalog: could not delete image file', { url: result.url, err: String(err) }));
  }
  return { productId: result.productId, tags: result.tags };
}
