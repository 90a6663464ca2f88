import type { Db } from '@/lib/platform/db';
import { env as defaultEnv, type Env } from '@/lib/platform/env';
import type { PaymentProvider } from './provider';
import { createTestProvider } from './test-provider';

const store = globalThis as unknown as { __paymentProvider?: PaymentProvider; __paymentProviderOverride?: PaymentProvider };

/** The provider chosen by configuration: Stripe when STRIPE_SECRET_KEY is set, else the built-in test provider. */
export async function getPaymentProvider(db: Db, e: Env = defaultEnv): Promise<PaymentProvider> {
  if (store.__paymentProviderOverride) return store.__paymentProviderOverride;
  if (store.__paymentProvider) return store.__paymentProvider;
  const provider = e.STRIPE_SECRET_KEY ? (await import('./stripe-provider')).createStripeProvider(e) : createTestProvider(db, { timeoutMs: e.TEST_PROVIDER_TIMEOUT_MS });
  store.__paymentProvider = provider;
  return provider;
}

export const activeProviderName = (e: Env = defaultEnv) => (e.STRIPE_SECRET_KEY ? 'stripe' : 'test') as 'stripe' | 'test';

/** Tests swap the provider (e.g. a test provider bound to their own database). */
export function setPaymentProviderForTests(p: PaymentProvider | undefined): void {
  store.__paymentProviderOverride = p;
}
