import { deepStrictEqual, throws } from 'node:assert/strict';
import { EnvError, parseEnv } from './env.ts';
import { z } from 'zod';

const schema = z.object({
  SUPABASE_DB_URL: z.url(),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_'),
  REMINDER_BATCH_SIZE: z.coerce.number().int().positive().default(50),
});

Deno.test('returns the typed values, with defaults applied', () => {
  const env = parseEnv(schema, { SUPABASE_DB_URL: 'postgresql://postgres:postgres@127.0.0.1:54322/postgres', STRIPE_SECRET_KEY: 'sk_test_1', OTHER: 'x' });
  deepStrictEqual(env, { SUPABASE_DB_URL: 'postgresql://postgres:postgres@127.0.0.1:54322/postgres', STRIPE_SECRET_KEY: 'sk_test_1', REMINDER_BATCH_SIZE: 50 });
});

Deno.test('names every missing or invalid variable in one error, without echoing values', () => {
  throws(
    () => parseEnv(schema, { STRIPE_SECRET_KEY: 'pk_live_secret_value', REMINDER_BATCH_SIZE: '0' }),
    (error: unknown) => {
      if (!(error instanceof EnvError)) return false;
      const { message } = error;
      return (
        message.includes('SUPABASE_DB_URL is not set') &&
        message.includes('STRIPE_SECRET_KEY is invalid') &&
        message.includes('REMINDER_BATCH_SIZE is invalid') &&
        !message.includes('pk_live_secret_value')
      );
    },
  );
});

Deno.test('says where each kind of variable comes from', () => {
  throws(() => parseEnv(schema, {}), (error: unknown) => {
    const { message } = error as Error;
    return message.includes('SUPABASE_* variables come from `npm start`') && message.includes('supabase/functions/.env');
  });
  throws(() => parseEnv(z.object({ SUPABASE_DB_URL: z.url() }), {}), (error: unknown) => !(error as Error).message.includes('.env'));
});

Deno.test('an empty value is invalid, not silently accepted', () => {
  throws(() => parseEnv(z.object({ RESEND_API_KEY: z.string().min(1) }), { RESEND_API_KEY: '' }), /RESEND_API_KEY is invalid/);
});
