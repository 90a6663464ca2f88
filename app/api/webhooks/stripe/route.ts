import { after } from 'next/server';
import { getPaymentProvider } from '@/lib/payments/registry';
import { handleStripeWebhook } from '@/lib/payments/stripe-webhooks';
import { getDb } from '@/lib/platform/db';
import { env } from '@/lib/platform/env';

// Stripe's webhook endpoint. Not rate-limited: Stripe retries, and a signature check is cheap.
export async function POST(req: Request) {
  const db = await getDb();
  return handleStripeWebhook(req, {
    db,
    env,
    provider: async () => (env.STRIPE_SECRET_KEY ? getPaymentProvider(db) : null),
    defer: (task) => after(task),
  });
}
