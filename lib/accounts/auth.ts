import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { and, eq, isNull, sql } from 'drizzle-orm';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import Resend from 'next-auth/providers/resend';
import { sendNow } from '@/lib/platform/email';
import { magicLinkMessage } from './emails';
import { authAccounts, authSessions, users, verificationTokens } from '@/db/schema/accounts';
import { storeMembers } from '@/db/schema/sellers';
import { recordAudit } from '@/lib/audit/service';
import { mergeGuestCartOnSignIn } from '@/lib/cart/cookie';
import { getDb } from '@/lib/platform/db';
import { logger as appLogger } from '@/lib/platform/logger';
import { clientIp } from '@/lib/platform/http';
import { env } from '@/lib/platform/env';
import { createRateLimiter } from '@/lib/platform/ratelimit';
import { verifyPassword } from './password';
import { signInInput } from './inputs';
import { homeFor, type Role, type StoreRole } from './permissions';

/** Wrong passwords per account and per IP: a few mistakes pass, a guessing run gets 429s. */
export const signInLimits = {
  account: createRateLimiter('signin-account', { limit: 10, windowMs: 15 * 60_000 }),
  ip: createRateLimiter('signin-ip', { limit: 50 * env.RATE_LIMIT_IP_SCALE, windowMs: 15 * 60_000 }),
};

const magicLinkLimit = createRateLimiter('magic-link-email', { limit: 5, windowMs: 3600_000 });

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}


export type SessionUser = { id: string; email: string; name: string | null; role: Role; stores: Record<string, StoreRole> };

/** Loads what a session needs about a user, or null when the account is gone. */
export async function loadSessionUser(userId: string) {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  if (!user) return null;
  const memberships = await db.select({ storeId: storeMembers.storeId, role: storeMembers.role }).from(storeMembers).where(eq(storeMembers.userId, userId));
  return { ...user, stores: Object.fromEntries(memberships.map((m) => [m.storeId, m.role])) as Record<string, StoreRole> };
}

/** The landing page for an account (used right after sign-in, before the session cookie is readable). */
export async function homeForEmail(email: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  const user = row ? await loadSessionUser(row.id) : null;
  return user ? homeFor(user) : '/';
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    // JWT sessions (Credentials needs them); revocation comes from the session version check below.
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    secret: env.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: '/signin' },
    // A wrong password is an expected outcome (audited above), not an error with a stack trace.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return;
        appLogger.error('auth error', { name: error.name, err: error.message });
      },
      warn(code) {
        appLogger.warn('auth warning', { code });
      },
    },
    adapter: DrizzleAdapter(db, {
      usersTable: users as never,
      accountsTable: authAccounts as never,
      sessionsTable: authSessions as never,
      verificationTokensTable: verificationTokens as never,
    }),
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(raw, req) {
          const parsed = signInInput.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = req ? clientIp(req.headers) : null;
          const [byAccount, byIp] = await Promise.all([signInLimits.account.limit(email), ip ? signInLimits.ip.limit(ip) : null]);
          if (!byAccount.success || (byIp && !byIp.success)) throw new RateLimitedSignIn();
          const [user] = await db
            .select()
            .from(users)
            .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.deletedAt)))
            .limit(1);
          const passwordMatches = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
          // An unconfirmed email is refused too, and the audit says so rather than "succeeded".
          const ok = passwordMatches && Boolean(user?.emailVerified);
          await recordAudit(db, {
            action: ok ? 'auth.sign_in.succeeded' : 'auth.sign_in.failed',
            actorId: user?.id ?? null,
            ip,
            userAgent: req?.headers.get('user-agent'),
            data: { method: 'password', ...(ok ? {} : { email, reason: passwordMatches ? 'email_unverified' : 'bad_credentials' }) },
          });
          if (!ok || !user) return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      // Passwordless links: delivered by Resend when configured, otherwise captured in the outbox
      // (readable in the mail viewer). Either way they go through our outbox and its idempotency.
      Resend({
        apiKey: env.RESEND_API_KEY ?? 'outbox-only',
        from: env.EMAIL_FROM,
        async sendVerificationRequest({ identifier, url }) {
          const email = identifier.toLowerCase();
          const limited = !(await magicLinkLimit.limit(email)).success;
          if (limited) throw new RateLimitedSignIn();
          await sendNow(db, magicLinkMessage(email, url), `magic:${email}:${Date.now()}`);
        },
      }),
      ...(env.AUTH_GITHUB_ID ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
      ...(env.AUTH_GOOGLE_ID ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
    ],
    // A guest cart in this browser joins the account's cart (identity.ts merges lazily too).
    events: {
      signIn: ({ user }) => mergeGuestCartOnSignIn(user.id),
    },
    callbacks: {
      // Same-site destinations only; PUBLIC_URL counts as this site even when the request's Host differs.
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        if (!URL.canParse(url)) return baseUrl;
        const origin = new URL(url).origin;
        return origin === new URL(baseUrl).origin || origin === new URL(env.PUBLIC_URL).origin ? url : baseUrl;
      },
      async jwt({ token, user }) {
        const id = (user?.id ?? token.sub) as string | undefined;
        if (!id) return null;
        const current = await loadSessionUser(id);
        if (!current) return null;
        // A bumped version (sign out everywhere, password or role change) ends older sessions.
        if (user) token.sv = current.sessionVersion;
        else if (token.sv !== current.sessionVersion) return null;
        token.sub = id;
        token.role = current.role;
        return token;
      },
      async session({ session, token }) {
        if (token.sub) {
          session.user.id = token.sub;
          (session.user as unknown as { role: Role }).role = token.role as Role;
        }
        return session;
      },
    },
  };
});
