import { listProductsRoute } from '@/lib/api/routes/catalog';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(listProductsRoute);
