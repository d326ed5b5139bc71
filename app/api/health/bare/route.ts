// POST /api/health/bare — benchmark baseline only (bench/webhook-throughput.ts): reads the body the
// way a webhook handler must and answers 200, so its throughput is the framework's ceiling on this
// machine. It lives under the public /api/health prefix so that the benchmark needs no session, and
// every method answers 404 unless the server was started with BENCH_BARE_ROUTE=1, so production
// never exposes it. (Read from process.env directly: a benchmark switch, not app configuration.)
export const dynamic = "force-dynamic";

function notFound(): Response {
  return Response.json({ error: "Not found" }, { status: 404 });
}

export async function POST(request: Request) {
  if (process.env.BENCH_BARE_ROUTE !== "1") return notFound();
  await request.arrayBuffer();
  return Response.json({ ok: true });
}

export const GET = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
