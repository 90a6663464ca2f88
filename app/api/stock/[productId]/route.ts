import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getAvailability } from '@/lib/catalog/queries';
import { jsonError } from '@/lib/platform/http';

// Live stock for the product page, kept out of the cached page so the page itself stays static.
export async function GET(_req: Request, ctx: { params: Promise<{ productId: string }> }) {
  const id = z.uuid().safeParse((await ctx.params).productId);
  if (!id.success) return jsonError(400, 'invalid_input', 'productId must be a UUID.');
  const variants = await getAvailability(id.data);
  if (!Object.keys(variants).length) return jsonError(404, 'not_found', 'No such product.');
  return NextResponse.json({ productId: id.data, variants }, { headers: { 'Cache-Control': 'public, max-age=0, s-maxage=5, stale-while-revalidate=10' } });
}
