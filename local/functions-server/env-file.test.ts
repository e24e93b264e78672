import { deepStrictEqual, throws } from 'node:assert/strict';
import { parseEnvFile, readEnvFile } from './env-file.ts';

Deno.test('reads KEY=value lines, skipping blanks and comments', () => {
  deepStrictEqual(
    parseEnvFile(['# Stripe (test mode)', '', 'STRIPE_SECRET_KEY=sk_test_123', '  export RESEND_API_KEY = re_456  ', 'EMPTY='].join('\n')),
    { STRIPE_SECRET_KEY: 'sk_test_123', RESEND_API_KEY: 're_456', EMPTY: '' },
  );
});

Deno.test('strips inline comments from unquoted values only', () => {
  deepStrictEqual(parseEnvFile('A=one # note\nB="two # kept"\nC=th#ree\n'), { A: 'one', B: 'two # kept', C: 'th#ree' });
});

Deno.test('single quotes are literal, double quotes understand escapes', () => {
  deepStrictEqual(parseEnvFile(String.raw`SINGLE='a\nb $X'` + '\n' + String.raw`DOUBLE="a\nb \"q\" \\"`), {
    SINGLE: String.raw`a\nb $X`,
    DOUBLE: 'a\nb "q" \\',
  });
});

Deno.test('quoted values may span lines (PEM keys)', () => {
  const text = 'KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\r\n';
  deepStrictEqual(parseEnvFile(text), { KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----', NEXT: '1' });
});

Deno.test('reports malformed lines with file and line number', () => {
  throws(() => parseEnvFile('OK=1\nthis is not an assignment\n', 'supabase/functions/.env'), {
    name: 'EnvFileError',
    message: 'supabase/functions/.env:2: expected KEY=value',
  });
  throws(() => parseEnvFile('A="never closed\nB=2\n'), /1: A has no closing "/);
  throws(() => parseEnvFile('A="x" y\n'), /unexpected text after the closing "/);
});

Deno.test('a missing env file means no extra env', async () => {
  deepStrictEqual(await readEnvFile('/nonexistent/.env'), {});
});
