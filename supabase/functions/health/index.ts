// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { parseEnv } from '../_shared/env.ts';
import { z } from 'zod';
import { createDatabaseProbe } from './database-probe.ts';
import { createHealthHandler } from './handler.ts';

const env = parseEnv(z.object({ SUPABASE_DB_URL: z.url() }));

Deno.serve(
  createHealthHandler({
    checkDatabase: createDatabaseProbe(env.SUPABASE_DB_URL, { timeoutMs: 2000 }),
    now: () => new Date(),
  }),
);
