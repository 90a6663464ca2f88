import { describe, expect, it } from 'vitest';
import { hasSessionCookie } from './context';

describe('hasSessionCookie', () => {
  it.each([
    ['authjs.session-token=abc', true],
    ['flash_guest=x; authjs.session-token=abc', true],
    ['__Secure-authjs.session-token=abc', true],
    ['a=1;authjs.session-token.0=abc; authjs.session-token.1=def', true],
  ])('sees a session in %s', (header, expected) => expect(hasSessionCookie(header)).toBe(expected));

  it.each([[null], [''], ['flash_guest=x'], ['authjs.csrf-token=abc'], ['xauthjs.session-token=abc'], ['authjs.callback-url=authjs.session-token']])(
    'no session in %s',
    (header) => expect(hasSessionCookie(header)).toBe(false),
  );
});
