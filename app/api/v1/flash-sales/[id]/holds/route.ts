import { createFlashHoldRoute } from '@/lib/api/routes/flash-sales';
import { toHandler } from '@/lib/api/handler';

export const POST = toHandler(createFlashHoldRoute);
