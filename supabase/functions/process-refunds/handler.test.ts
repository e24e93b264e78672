import { deepStrictEqual, equal } from 'node:assert/strict';
import { createProcessRefundsHandler } from './handler.ts';

function token(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

const serviceRole = token({ role: 'service_role', iss: 'supabase-demo' });
const summary = { claimed: 3, succeeded: 1, submitted: 1, failed: 0, retried: 1 };

function call(authorization: string | null, method = 'POST'): Request {
  return new Request('http://localhost/process-refunds', { method, headers: authorization ? { Authorization: `Bearer ${authorization}` } : {} });
}

Deno.test('service_role: runs the refund worker and answers its counts', async () => {
  let runs = 0;
  const handler = createProcessRefundsHandler({ configured: true, run: () => (runs++, Promise.resolve(summary)) });
  const response = await handler(call(serviceRole));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), summary);
  equal(runs, 1);
});

Deno.test('anyone else (anon key, a signed-in user, no token) gets 403 and nothing runs', async () => {
  let runs = 0;
  const handler = createProcessRefundsHandler({ configured: true, run: () => (runs++, Promise.resolve(summary)) });
  for (const authorization of [token({ role: 'anon' }), token({ role: 'authenticated', sub: 'u-1' }), null]) {
    const response = await handler(call(authorization));
    equal(response.status, 403);
    equal((await response.json()).code, 'forbidden');
  }
  equal(runs, 0);
});

Deno.test('without a Stripe key: 503 payments_not_configured, nothing claimed', async () => {
  let runs = 0;
  const handler = createProcessRefundsHandler({ configured: false, run: () => (runs++, Promise.resolve(summary)) });
  const response = await handler(call(serviceRole));
  equal(response.status, 503);
  equal((await response.json()).code, 'payments_not_configured');
  equal(runs, 0);
});

Deno.test('a failing run (database down) is 500; other methods 405', async () => {
  const logs: string[] = [];
  const handler = createProcessRefundsHandler({ configured: true, run: () => Promise.reject(new Error('ECONNREFUSED')), log: (m) => logs.push(m) });
  const response = await handler(call(serviceRole));
  equal(response.status, 500);
  equal((await response.json()).code, 'refunds_not_processed');
  equal(logs.length, 1);
  equal((await handler(call(serviceRole, 'GET'))).status, 405);
});
