import { deepStrictEqual, equal } from 'node:assert/strict';
import { createHealthHandler, type HealthDependencies } from './handler.ts';

const fixedNow = new Date('2026-03-29T01:30:00.000Z');
const url = 'http://localhost/health';

function handlerWith(overrides: Partial<HealthDependencies> = {}) {
  let probes = 0;
  const handler = createHealthHandler({
    checkDatabase: () => {
      probes++;
      return Promise.resolve(true);
    },
    now: () => fixedNow,
    ...overrides,
  });
  return { handler, probes: () => probes };
}

Deno.test('GET answers 200 ok when the database answers', async () => {
  const { handler } = handlerWith();
  const response = await handler(new Request(url));
  equal(response.status, 200);
  equal(response.headers.get('cache-control'), 'no-store');
  equal(response.headers.get('access-control-allow-origin'), '*');
  deepStrictEqual(await response.json(), { status: 'ok', database: 'ok', time: '2026-03-29T01:30:00.000Z' });
});

Deno.test('GET answers 503 degraded when the database does not answer', async () => {
  const { handler } = handlerWith({ checkDatabase: () => Promise.resolve(false) });
  const response = await handler(new Request(url));
  equal(response.status, 503);
  deepStrictEqual(await response.json(), { status: 'degraded', database: 'unreachable', time: '2026-03-29T01:30:00.000Z' });
});

Deno.test('a probe that throws counts as unreachable instead of crashing the request', async () => {
  const { handler } = handlerWith({ checkDatabase: () => Promise.reject(new Error('ECONNREFUSED')) });
  const response = await handler(new Request(url));
  equal(response.status, 503);
  equal((await response.json()).database, 'unreachable');
});

Deno.test('CORS preflight is answered without probing the database', async () => {
  const { handler, probes } = handlerWith();
  const response = await handler(new Request(url, { method: 'OPTIONS' }));
  equal(response.status, 200);
  equal(response.headers.get('access-control-allow-origin'), '*');
  equal(probes(), 0);
});

Deno.test('other methods get 405 with Allow and the error shape, without probing', async () => {
  const { handler, probes } = handlerWith();
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const response = await handler(new Request(url, { method }));
    equal(response.status, 405, method);
    equal(response.headers.get('allow'), 'GET, OPTIONS');
    deepStrictEqual(await response.json(), { code: 'method_not_allowed', message: `health does not accept ${method}.`, hint: 'Use GET.' });
  }
  equal(probes(), 0);
});
