import { deepStrictEqual, equal } from 'node:assert/strict';
import { createCallerVerifier } from '../_shared/caller.ts';
import { secretKey, testProject } from '../tests/callers.ts';
import { createProcessRefundsHandler, type ProcessRefundsDependencies } from './handler.ts';

const project = await testProject();
const verifyCaller = createCallerVerifier(project.env);
const summary = { claimed: 3, succeeded: 1, submitted: 1, failed: 0, retried: 1 };
const serviceRole = { Authorization: `Bearer ${project.serviceRoleKey}` };

function call(headers: Record<string, string>, method = 'POST'): Request {
  return new Request('http://localhost/process-refunds', { method, headers });
}

const handlerOf = (deps: Omit<ProcessRefundsDependencies, 'verifyCaller'>) => createProcessRefundsHandler({ verifyCaller, ...deps });

Deno.test('the server (secret key, service_role key, a verified service_role token): runs the refund worker and answers its counts', async () => {
  let runs = 0;
  const handler = handlerOf({ configured: true, run: () => (runs++, Promise.resolve(summary)) });
  const servers: Array<Record<string, string>> = [{ apikey: secretKey }, { apikey: secretKey, Authorization: `Bearer ${secretKey}` }, serviceRole, { Authorization: `Bearer ${await project.serviceToken()}` }];
  for (const headers of servers) {
    const response = await handler(call(headers));
    equal(response.status, 200);
    deepStrictEqual(await response.json(), summary);
  }
  equal(runs, 4);
});

Deno.test('anyone else: no credential or a bad one 401, a publishable or anon key or a signed-in user 403; nothing runs', async () => {
  let runs = 0;
  const handler = handlerOf({ configured: true, run: () => (runs++, Promise.resolve(summary)) });
  for (const { name, headers, status } of await project.notTheServer()) {
    const response = await handler(call(headers));
    equal(response.status, status, name);
    equal((await response.json()).code, status === 401 ? 'unauthorized' : 'forbidden', name);
  }
  equal(runs, 0);
});

Deno.test('without provider keys: 503 payments_not_configured, nothing claimed', async () => {
  let runs = 0;
  const handler = handlerOf({ configured: false, run: () => (runs++, Promise.resolve(summary)) });
  const response = await handler(call(serviceRole));
  equal(response.status, 503);
  equal((await response.json()).code, 'payments_not_configured');
  equal(runs, 0);
});

Deno.test('a failing run (database down) is 500; other methods 405', async () => {
  const logs: string[] = [];
  const handler = handlerOf({ configured: true, run: () => Promise.reject(new Error('ECONNREFUSED')), log: (m) => logs.push(m) });
  const response = await handler(call(serviceRole));
  equal(response.status, 500);
  equal((await response.json()).code, 'refunds_not_processed');
  equal(logs.length, 1);
  equal((await handler(call(serviceRole, 'GET'))).status, 405);
});
