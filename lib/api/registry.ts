import type { AnyRoute } from './handler';
import { addCartItemRoute, createCartRoute, getCartRoute, removeCartItemRoute, updateCartItemRoute } from './routes/carts';
import { getProductRoute, listProductsRoute, searchRoute } from './routes/catalog';
import { checkoutRoute, getCheckoutRoute } from './routes/checkout';
import { createFlashHoldRoute, getFlashSaleRoute } from './routes/flash-sales';
import { openApiRoute } from './routes/openapi';
import { getOrderRoute } from './routes/orders';

/** Every v1 route. The OpenAPI document is built from this list; app/api/v1 mounts each entry. */
export const apiRoutes: readonly AnyRoute[] = [
  listProductsRoute,
  getProductRoute,
  searchRoute,
  createCartRoute,
  getCartRoute,
  addCartItemRoute,
  updateCartItemRoute,
  removeCartItemRoute,
  checkoutRoute,
  getCheckoutRoute,
  getOrderRoute,
  getFlashSaleRoute,
  createFlashHoldRoute,
  openApiRoute,
];
