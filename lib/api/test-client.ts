// Test helper: calls v1 route handlers directly, as Next would, without a server.

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

export type CallOptions = {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON (with its content type unless `headers` says otherwise); a string as is. */
  body?: unknown;
  ip?: string;
  token?: string;
};

export type Called = { status: number; headers: Headers; text: string; json: () => any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function call(handler: Handler, method: string, path: string, opts: CallOptions = {}): Promise<Called> {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '203.0.113.1' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, opts.headers);
  const req = new Request(`http://localhost/api/v1${path}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
