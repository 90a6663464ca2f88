import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../lib/accounts/password';

/** A fresh verified user straight in the e2e database, for tests that must not disturb the demo accounts. */
export async function createVerifiedUser(password: string): Promise<{ id: string; email: string }> {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
  const id = randomUUID();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('insert into users (id, email, name, email_verified, password_hash) values ($1, $2, $3, now(), $4)', [
      id,
      email,
      'E2E User',
      await hashPassword(password),
    ]);
  } finally {
    await client.end();
  }
  return { id, email };
}
