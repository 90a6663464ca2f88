import { describe, expect, it } from 'vitest';
import { businessInput, ibanIsValid, payoutInput, slug, storeProfileInput, suggestSlug } from './inputs';

const ID = '00000000-0000-4000-8000-000000000001';
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('store address (slug)', () => {
  it.each(['green-leaf', 'abc', 'tea4two', 'a'.repeat(40)])('accepts %s', (s) => expect(slug.parse(s)).toBe(s));
  it('lower-cases and trims', () => expect(slug.parse('  Green-Leaf ')).toBe('green-leaf'));
  it.each([
    ['ab', /at least 3/],
    ['a'.repeat(41), /at most 40/],
    ['-lead', /lowercase letters/],
    ['trail-', /lowercase letters/],
    ['dou--ble', /lowercase letters/],
    ['under_score', /lowercase letters/],
    ['ümlaut', /lowercase letters/],
    ['../admin', /lowercase letters/],
    ['admin', /reserved/],
    ['seller', /reserved/],
  ])('refuses %j', (s, message) => {
    const r = slug.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });

  it('suggests an address from a name', () => {
    expect(suggestSlug('Green Leaf Tea Co.')).toBe('green-leaf-tea-co');
    expect(suggestSlug('Café & Crème')).toBe('cafe-and-creme');
    expect(suggestSlug('  !!!  ')).toBe('');
    expect(suggestSlug('x'.repeat(50) + ' shop').length).toBeLessThanOrEqual(40);
  });
});

describe('store profile', () => {
  it('needs a real description, support email and return policy', () => {
    const r = storeProfileInput.safeParse({ storeId: ID, name: 'A', description: 'short', supportEmail: 'nope', returnPolicy: '' });
    expect(Object.keys(issues(r)).sort()).toEqual(['description', 'name', 'returnPolicy', 'supportEmail']);
  });
  it('keeps line breaks in long text but refuses control characters', () => {
    const ok = storeProfileInput.parse({ storeId: ID, name: 'Green Leaf', description: 'Line one of the story.\r\nLine two.', supportEmail: 'Help@Example.com', returnPolicy: '30 days, unused, original packaging.' });
    expect(ok.description).toBe('Line one of the story.\nLine two.');
    expect(ok.supportEmail).toBe('help@example.com');
    const bad = storeProfileInput.safeParse({ storeId: ID, name: 'Green\u0007Leaf', description: 'x'.repeat(30) + '\u202E', supportEmail: 'a@b.co', returnPolicy: 'y'.repeat(30) });
    expect(issues(bad)).toMatchObject({ name: /control/, description: /control/ });
  });
  it('refuses a store id that is not a uuid', () => {
    expect(storeProfileInput.safeParse({ storeId: "1' or 1=1", name: 'Green Leaf', description: 'x'.repeat(30), supportEmail: 'a@b.co', returnPolicy: 'y'.repeat(30) }).success).toBe(false);
  });
});

describe('tax id and bank account', () => {
  const business = { storeId: ID, legalName: 'Green Leaf GmbH', businessType: 'company', addressLine1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'de' };

  it('normalises the tax id (spaces, dashes, dots out; upper case) and treats empty as "keep"', () => {
    expect(businessInput.parse({ ...business, taxId: 'de 123.456-789' }).taxId).toBe('DE123456789');
    expect(businessInput.parse({ ...business, taxId: '' }).taxId).toBeNull();
    expect(businessInput.parse({ ...business }).taxId).toBeNull();
    expect(issues(businessInput.safeParse({ ...business, taxId: '12' }))).toMatchObject({ taxId: /5–20 letters and digits/ });
    expect(issues(businessInput.safeParse({ ...business, taxId: '<script>' }))).toMatchObject({ taxId: /letters and digits/ });
  });

  it('checks IBAN check digits', () => {
    expect(ibanIsValid('DE89370400440532013000')).toBe(true);
    expect(ibanIsValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanIsValid('DE89370400440532013001')).toBe(false);
    expect(payoutInput.parse({ storeId: ID, payoutHolder: 'Green Leaf GmbH', payoutAccount: 'de89 3704 0044 0532 0130 00' }).payoutAccount).toBe('DE89370400440532013000');
    expect(issues(payoutInput.safeParse({ storeId: ID, payoutHolder: 'Green Leaf GmbH', payoutAccount: 'DE89 3704 0044 0532 0130 01' }))).toMatchObject({ payoutAccount: /check digits/ });
  });

  it('accepts plain account numbers and refuses junk', () => {
    expect(payoutInput.parse({ storeId: ID, payoutHolder: 'Sam Seller', payoutAccount: '000123456789' }).payoutAccount).toBe('000123456789');
    expect(issues(payoutInput.safeParse({ storeId: ID, payoutHolder: 'Sam Seller', payoutAccount: 'abc' }))).toMatchObject({ payoutAccount: /IBAN/ });
    expect(payoutInput.parse({ storeId: ID, payoutHolder: 'Sam Seller', payoutAccount: '' }).payoutAccount).toBeNull();
  });
});
