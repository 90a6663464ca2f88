import { openApiRoute } from '@/lib/api/routes/openapi';
import { toHandler } from '@/lib/api/handler';

export const GET = toHandler(openApiRoute);
