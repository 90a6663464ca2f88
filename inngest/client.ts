import { Inngest } from 'inngest';
import { env } from '@/lib/platform/env';

/**
 * The Inngest client. With INNGEST_EVENT_KEY (Cloud), INNGEST_DEV=1 (dev server) or
 * INNGEST_BASE_URL (self-hosted `inngest start`) events go to that server, which calls the
 * functions back on /api/inngest. With none of them, lib/platform/jobs.ts hands events to the
 * in-process driver, which runs the same functions.
 */
export const inngest = new Inngest({
  id: 'marketplace',
  ...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
  ...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
  ...(env.INNGEST_DEV ? { isDev: true } : {}),
});
