'use server';

import { updateTag } from 'next/cache';
import { protectedAction } from '@/lib/accounts/action';
import { getDb } from '@/lib/platform/db';
import { deleteImage, moveImage, setImageAlt } from './images';
import {
  adjustStockInput,
  createProductInput,
  imageAltInput,
  imageDeleteInput,
  imageMoveInput,
  productStatusInput,
  saveOptionsInput,
  saveVariantsInput,
  thresholdInput,
  updateProductInput,
} from './inputs';
import { adjustStock, setLowStockThreshold } from './inventory';
import { createProduct, saveOptions, saveVariants, setProductStatus, updateProductDetails } from './products';
import { storeScope } from './scope';

// Thin actions: validate (zod), authorize the store against the session's memberships
// (storeScope → 403 result for a store the actor doesn't belong to), call the service, and
// expire the cache tags it returns so the storefront shows the change on the next request.

const expire = (tags: readonly string[]) => {
  for (const tag of tags) updateTag(tag);
};

export const createProductAction = protectedAction('seller:portal', createProductInput, async ({ storeId, ...input }, actor) => {
  const r = await createProduct(await getDb(), storeScope(actor, storeId), input);
  expire(r.tags);
  return { productId: r.productId, slug: r.slug };
});

export const updateProductAction = protectedAction('seller:portal', updateProductInput, async ({ storeId, ...input }, actor) => {
  const r = await updateProductDetails(await getDb(), storeScope(actor, storeId), input);
  expire(r.tags);
  return { productId: r.productId };
});

export const setProductStatusAction = protectedAction('seller:portal', productStatusInput, async ({ storeId, productId, status }, actor) => {
  const r = await setProductStatus(await getDb(), storeScope(actor, storeId), productId, status);
  expire(r.tags);
  return { status };
});

export const saveOptionsAction = protectedAction('seller:portal', saveOptionsInput, async ({ storeId, ...input }, actor) => {
  const r = await saveOptions(await getDb(), storeScope(actor, storeId), input);
  expire(r.tags);
  return { created: r.created, removed: r.removed, kept: r.kept };
});

export const saveVariantsAction = protectedAction('seller:portal', saveVariantsInput, async ({ storeId, ...input }, actor) => {
  const r = await saveVariants(await getDb(), storeScope(actor, storeId), input);
  expire(r.tags);
  return { saved: input.variants.length };
});

export const adjustStockAction = protectedAction('seller:portal', adjustStockInput, async ({ storeId, ...input }, actor) => {
  const r = await adjustStock(await getDb(), storeScope(actor, storeId), input);
  expire(r.tags);
  return { onHand: r.onHand, reserved: r.reserved };
});

export const setThresholdAction = protectedAction('seller:portal', thresholdInput, async ({ storeId, variantId, lowStockThreshold }, actor) => {
  expire(await setLowStockThreshold(await getDb(), storeScope(actor, storeId), variantId, lowStockThreshold));
  return { lowStockThreshold };
});

export const setImageAltAction = protectedAction('seller:portal', imageAltInput, async ({ storeId, productId, imageId, alt }, actor) => {
  const r = await setImageAlt(await getDb(), storeScope(actor, storeId), productId, imageId, alt);
  expire(r.tags);
  return { alt };
});

export const moveImageAction = protectedAction('seller:portal', imageMoveInput, async ({ storeId, productId, imageId, direction }, actor) => {
  const r = await moveImage(await getDb(), storeScope(actor, storeId), productId, imageId, direction);
  expire(r.tags);
  return { position: r.position };
});

export const deleteImageAction = protectedAction('seller:portal', imageDeleteInput, async ({ storeId, productId, imageId }, actor) => {
  const r = await deleteImage(await getDb(), storeScope(actor, storeId), productId, imageId);
  expire(r.tags);
  return { deleted: imageId };
});
