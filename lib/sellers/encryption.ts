import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { databaseBackend, env as defaultEnv, type Env } from '@/lib/platform/env';
import { logger } from '@/lib/platform/logger';

/**
 * Field encryption for sellers' secrets (tax id, bank account): AES-256-GCM with a fresh 96-bit
 * IV per value and the row and column as additional authenticated data, so a ciphertext copied
 * into another row or column fails to decrypt instead of revealing someone else's number.
 *
 * Stored form: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). The key id (a hash of the key)
 * makes "encrypted under another key" a clear error rather than an authentication failure.
 *
 * The key: DATA_ENCRYPTION_KEY (32 bytes, base64). Without it, development and test runs (and a
 * production build run locally on the embedded database) derive one from AUTH_SECRET with HKDF
 * under a label of its own, and say so in the log; a production deployment refuses to start
 * encrypting without it.
 */

export type EncryptionKey = { id: string; key: Buffer; source: 'DATA_ENCRYPTION_KEY' | 'derived' };

const HKDF_SALT = 'marketplace/data-encryption';
const HKDF_INFO = 'sellers: tax id and bank details, AES-256-GCM v1';
const DEV_FALLBACK_SECRET = 'development-only-data-encryption-secret';

export const keyId = (key: Buffer) => createHash('sha256').update('kid:').update(key).digest('base64url').slice(0, 8);

/** HKDF-SHA256 of a secret under this module's own label (distinct from Auth.js's and the cookie signers' uses of AUTH_SECRET). */
export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32));
}

/** The key for this configuration, or an error naming the variable to set. */
export function resolveKey(e: Pick<Env, 'DATA_ENCRYPTION_KEY' | 'AUTH_SECRET' | 'NODE_ENV' | 'DATABASE_URL' | 'DATABASE_DRIVER' | 'EMBEDDED_DATABASE_URL'>): EncryptionKey {
  if (e.DATA_ENCRYPTION_KEY) {
    const key = Buffer.from(e.DATA_ENCRYPTION_KEY, 'base64');
    if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    return { id: keyId(key), key, source: 'DATA_ENCRYPTION_KEY' };
  }
  // A production build on the embedded database is a local trial run (`npm start`), not a deployment.
  const embedded = databaseBackend(e as Env).startsWith('pglite');
  if (e.NODE_ENV === 'production' && !embedded) {
    throw new Error('DATA_ENCRYPTION_KEY is required in production (32 bytes, base64: `openssl rand -base64 32`)');
  }
  const key = deriveKey(e.AUTH_SECRET ?? DEV_FALLBACK_SECRET);
  return { id: keyId(key), key, source: 'derived' };
}

let cached: EncryptionKey | undefined;

/** Resolved on first use (never at import: `next build` imports this module without the key). */
function currentKey(): EncryptionKey {
  if (cached) return cached;
  cached = resolveKey(defaultEnv);
  if (cached.source === 'derived') {
    logger.warn('encryption: DATA_ENCRYPTION_KEY is not set; using a key derived from AUTH_SECRET (HKDF). Set DATA_ENCRYPTION_KEY in production.', { keyId: cached.id });
  } else {
    logger.info('encryption: using DATA_ENCRYPTION_KEY', { keyId: cached.id });
  }
  return cached;
}

/** Binds a ciphertext to the place it belongs, e.g. `kyc_submissions.tax_id:<row id>`. */
export const fieldContext = (table: string, column: string, rowId: string) => `${table}.${column}:${rowId}`;

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

export function encryptField(plaintext: string, context: string, key: EncryptionKey = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** Only for the code paths that must use the secret itself (payouts); pages and APIs show `mask()`. */
export function decryptField(stored: string, context: string, key: EncryptionKey = currentKey()): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new DecryptionError('Not an encrypted value (unknown format).');
  const [, kid, iv, tag, ct] = parts as [string, string, string, string, string];
  if (kid !== key.id) throw new DecryptionError(`Encrypted under key ${kid}, but the configured key is ${key.id}: set DATA_ENCRYPTION_KEY to the key it was written with.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('The encrypted value was altered or belongs to another record.');
  }
}

/** The last four characters kept in clear beside a ciphertext (nothing for values too short to hide the rest). */
export function lastFour(value: string): string {
  return value.length >= 8 ? value.slice(-4) : '';
}

/** How every page and API shows a secret: bullets and at most the last four characters. */
export function mask(last4: string | null | undefined): string | null {
  if (last4 === null || last4 === undefined) return null;
  return last4 ? `•••• ${last4}` : '••••';
}
