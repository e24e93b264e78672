// Reads a function's environment once, at startup, through a zod schema: a missing or invalid
// variable stops the function from booting (503 BOOT_ERROR) with a log line naming it, instead of
// failing later on a request with `undefined` where a secret should be.
import { z } from 'zod';

export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * Parses `source` (the process environment by default) with `schema`. Call it once in index.ts
 * and pass the values to the handler. Messages name variables, never their values.
 */
export function parseEnv<Schema extends z.ZodObject>(
  schema: Schema,
  source: Record<string, string | undefined> = Deno.env.toObject(),
): z.infer<Schema> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const names = result.error.issues.map((issue) => String(issue.path[0] ?? ''));
  const problems = result.error.issues.map((issue, index) => {
    const name = issue.path.join('.');
    const missing = source[names[index] as string] === undefined;
    return missing ? `${name} is not set` : `${name} is invalid (${issue.message})`;
  });
  const hints = [
    names.some((name) => name.startsWith('SUPABASE_')) &&
      'SUPABASE_* variables come from `npm start` locally and from the platform when deployed.',
    names.some((name) => !name.startsWith('SUPABASE_')) &&
      'Set secrets in supabase/functions/.env locally (see .env.example) and with `supabase secrets set` when deployed.',
  ].filter(Boolean);
  throw new EnvError(`environment: ${problems.join('; ')}. ${hints.join(' ')}`);
}
