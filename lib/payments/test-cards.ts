/**
 * The built-in test provider's cards (Stripe's numbers where Stripe has one). Any other
 * number that passes the Luhn check is declined with "use a test card", so a real card number
 * typed by mistake is never stored: only the token below is.
 */
export const TEST_CARDS = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient_funds',
  '4000002500003155': 'requires_3ds',
  // Charges, then never answers: the caller sees a timeout although the card was authorized.
  '4000000000000408': 'timeout_after_charge',
} as const;

export type TestCardBehaviour = (typeof TEST_CARDS)[keyof typeof TEST_CARDS] | 'unknown_card';

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card number → the token we store (`tok_test_<behaviour>_<last4>`); null when the number is invalid. */
export function tokenizeTestCard(number: string): { token: string; label: string } | null {
  const digits = number.replace(/[\s-]/g, '');
  if (!luhnValid(digits)) return null;
  const behaviour: TestCardBehaviour = (TEST_CARDS as Record<string, TestCardBehaviour>)[digits] ?? 'unknown_card';
  const last4 = digits.slice(-4);
  return { token: `tok_test_${behaviour}_${last4}`, label: `Test card •••• ${last4}` };
}

export function parseTestToken(token: string): { behaviour: TestCardBehaviour; last4: string } | null {
  const m = /^tok_test_([a-z_0-9]+)_(\d{4})$/.exec(token);
  if (!m) return null;
  const behaviour = m[1] as TestCardBehaviour;
  if (![...Object.values(TEST_CARDS), 'unknown_card'].includes(behaviour)) return null;
  return { behaviour, last4: m[2]! };
}
