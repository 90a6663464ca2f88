import { createCartRoute } from '@/lib/api/routes/carts';
import { toHandler } from '@/lib/api/handler';

export const POST = toHandler(createCartRoute);
