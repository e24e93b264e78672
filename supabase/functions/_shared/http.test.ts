import { deepStrictEqual, equal } from 'node:assert/strict';
import { corsHeaders, preflightResponse } from './cors.ts';
import { databaseUnavailable, json, payloadTooLarge, problem, readBodyText } from './http.ts';

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

Deno.test('readBodyText() reads a body up to the limit; a larger one (declared or streamed) is null, read no further', async () => {
  equal(await readBodyText(new Request('http://localhost/fn', { method: 'POST', body: 'héllo' }), 6), 'héllo');
  equal(await readBodyText(new Request('http://localhost/fn', { method: 'POST', body: 'héllo!' }), 6), null);
  equal(await readBodyText(new Request('http://localhost/fn', { method: 'POST', headers: { 'content-length': '9999' }, body: 'small' }), 100), null);
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(1024));
    },
  });
  equal(await readBodyText(new Request('http://localhost/fn', { method: 'POST', body: endless, duplex: 'half' } as RequestInit), 4096), null);
  equal(pulled < 10, true, 'stops reading once over the limit');
  equal(await readBodyText(new Request('http://localhost/fn'), 10), '');
});

Deno.test('payloadTooLarge() and databaseUnavailable() answer 413 and 503 with a code, a message and a hint', async () => {
  const large = payloadTooLarge(16 * 1024);
  equal(large.status, 413);
  deepStrictEqual(await large.json(), { code: 'payload_too_large', message: 'The request body is larger than 16 kB.', hint: 'Send a smaller body; nothing was processed.' });
  const unavailable = databaseUnavailable();
  equal(unavailable.status, 503);
  equal(unavailable.headers.get('retry-after'), '5');
  equal((await unavailable.json()).code, 'database_unavailable');
});
