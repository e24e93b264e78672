// Preloaded (`deno run --preload`) into every function process, before its index.ts, which stays
// the main module and runs unchanged. Two jobs:
// 1. Serve `export default { fetch }` functions: the edge runtime accepts them, plain `deno run`
//    ignores them. A function that called Deno.serve itself already holds DENO_SERVE_ADDRESS,
//    so the second bind fails with AddrInUse and is dropped.
// 2. Exit when the server that spawned this process is gone (killed with SIGKILL, crashed), so no
//    orphaned function keeps a port and a database connection open.

interface FetchExport {
  fetch: (request: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;
}

function isFetchExport(value: unknown): value is FetchExport {
  return typeof value === 'object' && value !== null && typeof (value as { fetch?: unknown }).fetch === 'function';
}

const serverPid = Deno.ppid;
const orphanCheck = setInterval(() => {
  if (Deno.ppid !== serverPid) Deno.exit(0);
}, 1000);
Deno.unrefTimer(orphanCheck);

// `load` fires once the main module (top-level await included) has finished evaluating.
addEventListener('load', async () => {
  const main: { default?: unknown } = await import(Deno.mainModule);
  const entry = main.default;
  if (!isFetchExport(entry)) return;
  try {
    Deno.serve((request, info) => entry.fetch(request, info));
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
  }
});
