import { getOrderRoute } from '@/lib/api/routes/orders';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(getOrderRoute);
