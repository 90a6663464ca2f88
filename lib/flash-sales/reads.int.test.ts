import { describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { listFlashSales } from './reads';
import { insertFlashStock, insertLiveSale } from './test-fixtures';

describe.each(BACKENDS)('flash sale lists on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('pages newest first by keyset, without skipping or repeating a sale, and filters by store and status', async () => {
    const a = await insertFlashStock(t().db);
    const b = await insertFlashStock(t().db);
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push((await insertLiveSale(t().db, a, { engine: 'postgres', status: i % 2 ? 'ended' : 'live' })).id);
    await insertLiveSale(t().db, b, { engine: 'postgres' });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const r = await listFlashSales(t().db, { storeId: a.storeId, limit: 2, cursor });
      seen.push(...r.items.map((s) => s.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toEqual([...mine].reverse());
    expect((await listFlashSales(t().db, { storeId: a.storeId, statuses: ['ended'] })).items.map((s) => s.id)).toEqual([mine[3], mine[1]]);
    // A cursor that doesn't decode is the first page, never an error.
    expect((await listFlashSales(t().db, { storeId: a.storeId, cursor: 'not-a-cursor' })).items).toHaveLength(5);
  });
});
