import { addCartItemRoute } from '@/lib/api/routes/carts';
import { toHandler } from '@/lib/api/handler';

export const POST = toHandler(addCartItemRoute);
