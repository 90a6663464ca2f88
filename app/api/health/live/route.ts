// Liveness: the process answers. Also the benchmark floor, so it does no work at all.
export function GET() {
  return new Response('{"status":"ok"}', { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
