import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { email } from '@/lib/accounts/inputs';
import { verifyEmail } from '@/lib/accounts/registration';
import { getDb } from '@/lib/platform/db';

const input = z.object({ email, token: z.string().min(20).max(100) });

// The link from the confirmation email: consumes the token, then sends the user to sign in.
export async function GET(req: NextRequest) {
  const parsed = input.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  const ok = parsed.success && (await verifyEmail(await getDb(), parsed.data.email, parsed.data.token));
  return NextResponse.redirect(new URL(`/signin?notice=${ok ? 'verified' : 'verify-failed'}`, req.url), { status: 303, headers: { 'Cache-Control': 'no-store' } });
}
