import { getFlashSaleRoute } from '@/lib/api/routes/flash-sales';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(getFlashSaleRoute);
