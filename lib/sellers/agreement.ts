/**
 * The seller agreement a store accepts when it applies. Changing the text means a new version:
 * acceptance is stored with the version it was given for (kyc_submissions.agreement_version).
 */
export const SELLER_AGREEMENT_VERSION = '2025-01';

export const SELLER_AGREEMENT: { heading: string; body: string }[] = [
  { heading: 'Listing and selling', body: 'You list only goods you have the right to sell, describe them accurately, and honour the prices shown at checkout.' },
  { heading: 'Fulfilment', body: 'You ship paid orders within the handling time you state, with tracking where the carrier provides it, and answer buyers’ questions within two business days.' },
  { heading: 'Returns and refunds', body: 'You publish a return policy and apply it. Refunds go back through Marketplace to the original payment method.' },
  { heading: 'Fees and payouts', body: 'Marketplace deducts its commission and payment costs from each sale and pays the balance to the payout account on file, after the return window closes.' },
  { heading: 'Verification', body: 'The business and identity details you provide are true. We verify them, keep them encrypted, and may ask for more documents or suspend a store while we check.' },
  { heading: 'Suspension', body: 'We may suspend a store that breaks this agreement or the law; we tell you why, and you can ask us to review the decision.' },
];
