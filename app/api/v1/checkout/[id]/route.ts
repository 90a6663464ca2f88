import { getCheckoutRoute } from '@/lib/api/routes/checkout';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(getCheckoutRoute);
