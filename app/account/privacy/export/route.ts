import { NextResponse, type NextRequest } from 'next/server';
import { can } from '@/lib/accounts/permissions';
import { exportMyData } from '@/lib/accounts/privacy';
import { getActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { jsonError, clientIp } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';

/** "Download my data": the signed-in user's export as a JSON attachment (the user comes from the session only). */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return jsonError(401, 'unauthorized', 'Sign in to download your data.');
  if (!can(actor, 'account:manage')) return jsonError(403, 'forbidden', 'You are not allowed to do that.');
  try {
    const data = await exportMyData(await getDb(), actor, {
      ip: clientIp(req.headers),
      userAgent: req.headers.get('user-agent'),
    });
    return new NextResponse(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="my-data.json"',
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return jsonError(err.status, err.code, err.message);
    logger.error('account export failed', { userId: actor.userId, ...errorFields(err) });
    return jsonError(500, 'internal', 'Your data could not be exported right now. Please try again.');
  }
}
