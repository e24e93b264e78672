// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { z } from 'zod';
import { createImportRunner } from './database.ts';
import { createImportFileHandler } from './handler.ts';

const env = parseEnv(callerEnv.extend({ SUPABASE_DB_URL: z.url() }));

Deno.serve(
  createImportFileHandler({
    verifyCaller: createCallerVerifier(env),
    runImport: createImportRunner(createSql(env.SUPABASE_DB_URL, 'slotbase-import-file')),
  }),
);
