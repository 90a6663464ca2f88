import { getCartRoute } from '@/lib/api/routes/carts';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(getCartRoute);
