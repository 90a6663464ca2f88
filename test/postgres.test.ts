import { describe, expect, it } from 'vitest';
import { assertLocalDatabaseUrl, databaseUrl, testDatabaseName } from './postgres';

describe('integration database guard', () => {
  it.each(['postgres://postgres@127.0.0.1:5432/postgres', 'postgresql://u:p@localhost/db', 'postgres://[::1]:5432/x'])('allows the local URL %s', (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each([
    'postgres://u:p@db.example.com:5432/app',
    'postgres://u@ep-x.us-east-2.aws.neon.tech/neondb',
    'postgres://u@10.0.0.5/app',
    'postgres://u@127.0.0.1.nip.io/app',
    'postgres://localhost@evil.example.com/app',
    'mysql://root@127.0.0.1/app',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(/Refusing to run integration tests/);
  });

  it('names test databases safely and points at them on the local server', () => {
    const name = testDatabaseName();
    expect(name).toMatch(new RegExp(`^mp_test_${process.pid}_[a-z0-9]+$`));
    const url = new URL(databaseUrl(name));
    expect(url.pathname).toBe(`/${name}`);
    expect(['127.0.0.1', 'localhost', '[::1]']).toContain(url.hostname);
  });
});
