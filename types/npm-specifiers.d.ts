// Type declarations for the pinned `npm:` specifiers Edge Function code imports, so that `tsc`
// (tests/**/*.ts import handlers from supabase/functions) resolves them like vitest does
// (vitest.config.ts maps `npm:<name>@<version>` to node_modules/<name>). Deno resolves the real
// specifiers itself (`deno check`). Add a line when a handler imported by a test pins another one.
declare module 'npm:zod@4.6.7' {
  export * from 'zod';
}

declare module 'npm:postgres@3.4.9' {
  import postgres = require('postgres');
  export = postgres;
}
