'use server';

import { z } from 'zod';
import { protectedAction } from '@/lib/accounts/action';
import { getDb } from '@/lib/platform/db';
import { listOrdersForUser } from './queries';

/** The next page of the signed-in user's order history (the "Load more" button). */
export const loadMoreOrdersAction = protectedAction('account:manage', z.object({ cursor: z.string().min(1).max(200) }), async ({ cursor }, actor) =>
  listOrdersForUser(await getDb(), actor.userId, { cursor }),
);
