import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      // Edge Function code imports pinned npm packages as `npm:<name>@<version>[/subpath]` (Deno).
      // Under vitest the same packages come from node_modules: `npm:zod@4.6.7` -> `zod`,
      // `npm:@supabase/supabase-js@2.95.0/cors` -> `@supabase/supabase-js/cors`. The version pin
      // is dropped, so package.json must list the same version for the tests to mean anything.
      { find: /^npm:(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]+)?(\/.*)?$/, replacement: '$1$2' },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
