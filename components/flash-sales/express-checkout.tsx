'use client';

import { CheckoutFlow, type CheckoutFlowProps } from '@/components/checkout/checkout-flow';
import { quoteFlashCheckoutAction, submitFlashCheckoutAction } from '@/lib/flash-sales/actions';
import { HoldCountdown } from './hold-countdown';

export type ExpressCheckoutProps = Omit<CheckoutFlowProps, 'express'> & {
  holdId: string;
  expiresAt: string;
  serverNow: string;
  saleHref: string;
  title: string;
};

/** The cart's checkout flow, for one flash-sale hold: its own actions, the hold's countdown, the way back to the sale. */
export function ExpressCheckout({ holdId, expiresAt, serverNow, saleHref, title, ...flow }: ExpressCheckoutProps) {
  return (
    <CheckoutFlow
      {...flow}
      express={{
        quote: (input) => quoteFlashCheckoutAction({ ...input, holdId }),
        submit: (input) => submitFlashCheckoutAction({ ...input, holdId }),
        back: { href: saleHref, label: 'Back to the sale' },
        signInHref: `/signin?callbackUrl=${encodeURIComponent(`/checkout/flash/${holdId}`)}`,
        banner: <HoldCountdown expiresAt={expiresAt} serverNow={serverNow} saleHref={saleHref} title={title} />,
      }}
    />
  );
}
