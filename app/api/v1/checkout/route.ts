import { checkoutRoute } from '@/lib/api/routes/checkout';
import { toHandler } from '@/lib/api/handler';

export const POST = toHandler(checkoutRoute);
