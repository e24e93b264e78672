import { deepStrictEqual, equal } from 'node:assert/strict';
import { corsHeaders, preflightResponse } from './cors.ts';
import { json, problem } from './http.ts';

Deno.test('json() sets the status, the JSON content type and keeps extra headers', async () => {
  const response = json(201, { id: 1 }, { headers: corsHeaders });
  equal(response.status, 201);
  equal(response.headers.get('content-type'), 'application/json');
  equal(response.headers.get('access-control-allow-origin'), '*');
  deepStrictEqual(await response.json(), { id: 1 });
});

Deno.test('problem() always has code, message and hint (null when absent)', async () => {
  deepStrictEqual(await problem(409, 'slot_taken', 'Another booking took this time.').json(), {
    code: 'slot_taken',
    message: 'Another booking took this time.',
    hint: null,
  });
  const withHint = problem(400, 'invalid_body', 'The body is not valid JSON.', 'Send Content-Type: application/json.');
  equal(withHint.status, 400);
  deepStrictEqual(await withHint.json(), { code: 'invalid_body', message: 'The body is not valid JSON.', hint: 'Send Content-Type: application/json.' });
});

Deno.test('preflightResponse() answers OPTIONS with the supabase-js headers, and nothing else', () => {
  const preflight = preflightResponse(new Request('http://localhost/fn', { method: 'OPTIONS' }));
  equal(preflight?.status, 200);
  const allowed = preflight?.headers.get('access-control-allow-headers') ?? '';
  for (const header of ['authorization', 'x-client-info', 'apikey', 'content-type']) equal(allowed.split(', ').includes(header), true, header);
  equal(preflightResponse(new Request('http://localhost/fn', { method: 'POST' })), null);
});
