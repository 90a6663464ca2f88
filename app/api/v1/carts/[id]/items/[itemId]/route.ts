import { removeCartItemRoute, updateCartItemRoute } from '@/lib/api/routes/carts';
import { toHandler } from '@/lib/api/handler';

export const PATCH = toHandler(updateCartItemRoute);
export const DELETE = toHandler(removeCartItemRoute);
