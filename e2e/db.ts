import pg from 'pg';

/** One query against the e2e database (the server under test uses the same one). */
export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export type StockedProduct = { slug: string; title: string; variant_id: string; price: number };

/**
 * The `nth` product whose default (first) variant has plenty of stock. Specs running in parallel
 * take different `nth`s, and the cart specs count from the least sold where checkout counts from
 * the best sellers, so no two tests buy the same thing.
 */
export async function productInStock(nth: number, from: 'least-sold' | 'best-selling'): Promise<StockedProduct> {
  const rows = await sql<StockedProduct>(
    `select p.slug, p.title, v.id as variant_id, v.price
     from products p
     join stores s on s.id = p.store_id and s.status = 'active'
     join lateral (select id, price from variants where product_id = p.id order by position, id limit 1) v on true
     where p.status = 'active'
       and (select coalesce(sum(on_hand - reserved), 0) from inventory_levels where variant_id = v.id) >= 10
     order by p.sales_count ${from === 'best-selling' ? 'desc' : 'asc'}, p.id
     offset $1 limit 1`,
    [nth],
  );
  if (!rows[0]) throw new Error('no product in stock in the e2e catalog');
  return rows[0];
}
