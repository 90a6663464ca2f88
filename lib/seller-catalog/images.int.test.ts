import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProduct } from '@/lib/catalog/reads';
import { tags } from '@/lib/platform/cache-tags';
import { NotFoundError } from '@/lib/platform/errors';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { CatalogRuleError } from './errors';
import { addProductImage, deleteImage, listProductImages, MAX_IMAGES_PER_PRODUCT, moveImage, setImageAlt, storeImageFile } from './images';
import { createProduct, setProductStatus } from './products';
import { insertCategories, insertSeller, type SellerFixture } from './test-fixtures';
import { processImageUpload } from './upload';

describe.each(BACKENDS)('product images (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let a: SellerFixture;
  let b: SellerFixture;
  let leaf: string;
  let root: string;

  beforeAll(async () => {
    leaf = (await insertCategories(t().db)).leaf;
    a = await insertSeller(t().db, 'Alpha');
    b = await insertSeller(t().db, 'Beta');
    root = await mkdtemp(path.join(os.tmpdir(), 'mp-seller-media-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const upload = async (productId: string, color: string, alt = '') => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer();
    const img = await processImageUpload(png, 'picture.png', 'image/png');
    const url = await storeImageFile(img, root);
    return addProductImage(t().db, a.scope, productId, { url, width: img.width, height: img.height, alt });
  };

  it('stores uploads under their content hash, orders them, edits alt text, reorders and deletes', async () => {
    const { productId } = await createProduct(t().db, a.scope, { title: 'Gallery mug', description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 900, compareAtPrice: null });
    const first = await upload(productId, '#ff0000');
    expect(first.tags).toEqual(expect.arrayContaining([tags.product(productId), tags.catalog]));
    await upload(productId, '#00ff00', 'Green mug');
    await upload(productId, '#0000ff');
    let imgs = await listProductImages(t().db, a.scope, productId);
    expect(imgs.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(imgs[0]!.alt).toBe('Gallery mug'); // default alt: the product title
    expect(imgs.every((i) => /^\/media\/uploads\/[a-f0-9]{40}\.webp$/.test(i.url))).toBe(true);
    expect((await readdir(path.join(root, 'uploads'))).filter((f) => f.endsWith('.webp'))).toHaveLength(3);

    const [red, green, blue] = imgs;
    await moveImage(t().db, a.scope, productId, blue!.id, 'up');
    await moveImage(t().db, a.scope, productId, blue!.id, 'up');
    await moveImage(t().db, a.scope, productId, blue!.id, 'up'); // already first: stays
    imgs = await listProductImages(t().db, a.scope, productId);
    expect(imgs.map((i) => i.id)).toEqual([blue!.id, red!.id, green!.id]);
    await setImageAlt(t().db, a.scope, productId, red!.id, 'Red mug, side view');
    await deleteImage(t().db, a.scope, productId, blue!.id, root);
    imgs = await listProductImages(t().db, a.scope, productId);
    expect(imgs.map((i) => [i.id, i.position, i.alt])).toEqual([
      [red!.id, 0, 'Red mug, side view'],
      [green!.id, 1, 'Green mug'],
    ]);
    await expect(stat(path.join(root, blue!.url.replace('/media/', '')))).rejects.toThrow();

    // The storefront reads the new order once the product is live.
    await setProductStatus(t().db, a.scope, productId, 'active');
    const live = await readProduct(t().db, 'gallery-mug');
    expect(live?.images.map((i) => i.alt)).toEqual(['Red mug, side view', 'Green mug']);
  });

  it('keeps a file another image still uses, and caps images per product', async () => {
    const { productId } = await createProduct(t().db, a.scope, { title: 'Twin', description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 900, compareAtPrice: null });
    const one = await upload(productId, '#123456');
    await upload(productId, '#123456'); // same bytes → same file
    const imgs = await listProductImages(t().db, a.scope, productId);
    expect(imgs[0]!.url).toBe(imgs[1]!.url);
    await deleteImage(t().db, a.scope, productId, one.imageId, root);
    expect((await stat(path.join(root, imgs[1]!.url.replace('/media/', '')))).isFile()).toBe(true);
    for (let i = 1; i < MAX_IMAGES_PER_PRODUCT; i++) await upload(productId, '#654321');
    await expect(upload(productId, '#654321')).rejects.toBeInstanceOf(CatalogRuleError);
  });

  it('another store can neither see nor change a product’s images, even with the right ids', async () => {
    const { productId } = await createProduct(t().db, a.scope, { title: 'Private pic', description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 900, compareAtPrice: null });
    const { imageId } = await upload(productId, '#abcdef', 'Mine');
    expect(await listProductImages(t().db, b.scope, productId)).toEqual([]);
    await expect(setImageAlt(t().db, b.scope, productId, imageId, 'Hacked')).rejects.toBeInstanceOf(NotFoundError);
    await expect(moveImage(t().db, b.scope, productId, imageId, 'down')).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteImage(t().db, b.scope, productId, imageId, root)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addProductImage(t().db, b.scope, productId, { url: '/media/uploads/x.webp', width: 1, height: 1, alt: '' })).rejects.toBeInstanceOf(NotFoundError);
    // Store B's own product with store A's image id: the image isn't on that product.
    const other = await createProduct(t().db, b.scope, { title: 'B pic', description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 900, compareAtPrice: null });
    await expect(deleteImage(t().db, b.scope, other.productId, imageId, root)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listProductImages(t().db, a.scope, productId)).map((i) => i.alt)).toEqual(['Mine']);
  });
});
