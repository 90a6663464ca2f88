import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEmbedded } from './embedded-server';

// Many connections from several pools share one PGlite session through the server: prepared
// statements must not cross clients, and transactions must stay isolated and serial.
describe('embedded PGlite wire server', () => {
  let db: PGlite;
  let server: Awaited<ReturnType<typeof serveEmbedded>>;
  let pools: pg.Pool[];

  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec('create table counter (id int primary key, n int not null check (n >= 0))');
    await db.exec('insert into counter values (1, 1000)');
    server = await serveEmbedded(db);
    pools = [new pg.Pool({ connectionString: server.url, max: 5 }), new pg.Pool({ connectionString: server.url, max: 5 })];
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await server.close();
    await db.close();
  });

  it('answers concurrent parameterised queries each with its own parameters', async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        pools[i % 2]!.query<{ s: number; x: string }>('select $1::int + $2::int as s, $3::text as x', [i, 1, `v${i}`]),
      ),
    );
    results.forEach((r, i) => expect(r.rows[0]).toEqual({ s: i + 1, x: `v${i}` }));
  });

  it('keeps read-modify-write transactions isolated under concurrency', async () => {
    const decrement = async (pool: pg.Pool) => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const { rows } = await c.query<{ n: number }>('select n from counter where id = $1', [1]);
        await c.query('update counter set n = $1 where id = $2', [rows[0]!.n - 1, 1]);
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    await Promise.all(Array.from({ length: 100 }, (_, i) => decrement(pools[i % 2]!)));
    const { rows } = await pools[0]!.query<{ n: number }>('select n from counter');
    expect(rows[0]!.n).toBe(900);
  });

  it('rolls back a transaction whose client disconnects mid-way, and serves others afterwards', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('begin');
    await client.query('update counter set n = 0 where id = 1');
    await client.end();
    const { rows } = await pools[1]!.query<{ n: number }>('select n from counter');
    expect(rows[0]!.n).toBe(900);
  });
});
