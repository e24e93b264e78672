// The one place that pins zod for every function (zod 4; keep in step with package.json, which
// `deno check`/`deno test` resolve npm packages through while the repo root has no deno.json).
export { z } from 'npm:zod@4.6.7';
