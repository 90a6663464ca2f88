import { createServer, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite instance over the Postgres wire protocol to any number of connections.
 *
 * PGlite is a single session, so the server forwards a connection's messages only in whole
 * units that end at a sync point (Sync, simple Query, startup) and, when a unit leaves a
 * transaction open, lets no other connection in until that one ends it. Interleaving
 * individual messages (as a naive multiplexer does) would let one client's Bind hit another
 * client's Parse.
 */
export async function serveEmbedded(db: PGlite, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  let owner: Conn | null = null;
  const waiters: (() => void)[] = [];
  const acquire = async (c: Conn) => {
    while (owner && owner !== c) await new Promise<void>((r) => waiters.push(r));
    owner = c;
  };
  const release = (c: Conn) => {
    if (owner !== c) return;
    owner = null;
    waiters.splice(0).forEach((w) => w());
  };

  type Conn = { socket: Socket; buf: Buffer; batch: Buffer[]; chain: Promise<void>; started: boolean };

  const run = async (c: Conn, bytes: Buffer) => {
    await acquire(c);
    let tail = Buffer.alloc(0);
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(new Uint8Array(bytes), {
          onRawData: (data) => {
            if (!c.socket.destroyed) c.socket.write(Buffer.from(data));
            tail = Buffer.concat([tail, Buffer.from(data)]).subarray(-6);
          },
        }),
      );
    } catch (err) {
      c.socket.destroy(err as Error);
    }
    // ReadyForQuery ('Z', length 5, status): 'I' idle releases; 'T'/'E' keep the session.
    const idle = !(tail.length === 6 && tail[0] === 0x5a && tail[5] !== 0x49);
    if (idle) release(c);
  };

  const onClose = async (c: Conn) => {
    await c.chain;
    if (owner === c) {
      // exec takes PGlite's query lock itself (wrapping it in runExclusive would deadlock).
      await db.exec('ROLLBACK').catch(() => {});
      release(c);
    }
  };

  const server = createServer((socket) => {
    const c: Conn = { socket, buf: Buffer.alloc(0), batch: [], chain: Promise.resolve(), started: false };
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => void onClose(c));
    socket.on('data', (chunk) => {
      c.buf = Buffer.concat([c.buf, chunk]);
      for (;;) {
        if (!c.started) {
          if (c.buf.length < 8) return;
          const len = c.buf.readInt32BE(0);
          const code = c.buf.readInt32BE(4);
          if (c.buf.length < len) return;
          const msg = c.buf.subarray(0, len);
          c.buf = c.buf.subarray(len);
          if (code === 80877103) socket.write('N'); // SSLRequest: no TLS on loopback
          else if (code === 80877102) socket.end(); // CancelRequest: not supported
          else {
            c.started = true;
            c.chain = c.chain.then(() => run(c, Buffer.from(msg)));
          }
          continue;
        }
        if (c.buf.length < 5) return;
        const len = c.buf.readInt32BE(1) + 1;
        if (c.buf.length < len) return;
        const type = String.fromCharCode(c.buf[0]!);
        const msg = Buffer.from(c.buf.subarray(0, len));
        c.buf = c.buf.subarray(len);
        if (type === 'X') {
          socket.end();
          return;
        }
        c.batch.push(msg);
        if (type === 'S' || type === 'Q' || type === 'H') {
          const unit = Buffer.concat(c.batch.splice(0));
          c.chain = c.chain.then(() => run(c, unit));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `postgres://postgres@127.0.0.1:${actual}/postgres`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
