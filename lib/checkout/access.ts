/**
 * Who may see a checkout's status (the polling route, the return page, a retry's prefill): the
 * signed-in user who submitted it, or, for a guest checkout, the browser whose signed cart
 * cookie names the cart it was made from. Everyone else gets the same "not found".
 */
export type CheckoutViewer = { userId: string | null; guestCartId: string | null };

export function canViewCheckout(checkout: { userId: string | null; cartId: string }, viewer: CheckoutViewer): boolean {
  if (checkout.userId) return viewer.userId === checkout.userId;
  return viewer.guestCartId !== null && viewer.guestCartId === checkout.cartId;
}
