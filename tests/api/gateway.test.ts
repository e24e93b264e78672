// The one origin as a client sees it (local/functions-server/api-gateway.ts): /rest/v1 behind
// Kong-style key-auth with the legacy keys (today's keys: keys.test.ts), the apikey standing in for a missing Authorization,
// CORS answered like Kong's cors plugin, a clear 501 for the services that need Docker, and the
// Edge Functions beside it.
import { afterAll, describe, expect, it } from 'vitest';
import { anon, api, apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

describe.skipIf(apiMissing)('the API gateway in front of PostgREST', () => {
  afterAll(closeAuthConnection);

  it('refuses a request without an apikey like Kong\'s key-auth', async () => {
    const response = await fetch(`${env.apiUrl}/rest/v1/centres`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Key realm="kong"');
    expect(await response.json()).toEqual({ message: 'No API key found in request' });
  });

  it('refuses an unknown key, even one that is a validly signed JWT of this project', async () => {
    const user = await as(seed.sam);
    for (const key of ['not-a-key', user.accessToken]) {
      const response = await api('/rest/v1/centres', { key });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Invalid authentication credentials' });
    }
  });

  it('accepts the key in the query string too, and forwards it (hide_credentials off): PostgREST then reads it as a filter', async () => {
    const response = await fetch(`${env.apiUrl}/rest/v1/centres?select=id&apikey=${env.anonKey}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('PGRST100');
    const wrong = await fetch(`${env.apiUrl}/rest/v1/centres?select=id&apikey=wrong`);
    expect(wrong.status).toBe(401);
  });

  it('strips /rest/v1 and, without Authorization, sends the apikey as the bearer token', async () => {
    // the service_role key as apikey alone acts as service_role: patients of every clinic
    const asService = await api(`/rest/v1/patients?select=id&tenant_id=eq.${seed.harbor}`, { key: env.serviceRoleKey });
    expect(asService.status).toBe(200);
    expect(((await asService.json()) as unknown[]).length).toBeGreaterThan(0);
    // the anon key alone is anon: no grant on patients
    expect((await api('/rest/v1/patients?select=id')).status).toBe(401);
    // a user's Authorization wins over the apikey
    const user = await as(seed.sam);
    const own = await api('/rest/v1/patients?select=id', { token: user.accessToken });
    expect(await own.json()).toEqual([{ id: seed.samPatient }]);
    expect((await fetch(`${env.apiUrl}/rest/v1`, { headers: { apikey: env.anonKey } })).status).toBe(404);
  });

  it('answers CORS preflights itself (no key needed) and adds Access-Control-Allow-Origin to every answer', async () => {
    const preflight = await fetch(`${env.apiUrl}/rest/v1/rpc/book_appointment`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey,authorization,content-type,x-client-info' },
    });
    expect(preflight.status).toBe(200);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT',
      'access-control-allow-headers': 'apikey,authorization,content-type,x-client-info',
    });
    for (const response of [await api('/rest/v1/centres?select=id', { headers: { origin: 'http://localhost:5173' } }), await fetch(`${env.apiUrl}/rest/v1/centres`)]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers 501 with a clear JSON body for Auth, Realtime and Storage', async () => {
    for (const [path, what] of [['/auth/v1/otp', 'Auth (GoTrue)'], ['/realtime/v1/websocket', 'Realtime'], ['/storage/v1/object/list/x', 'Storage']] as const) {
      const response = await api(path, { method: 'POST', body: '{}' });
      expect(response.status, path).toBe(501);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('not_available_locally');
      expect(body.message).toBe(`${what} is not available locally: use \`supabase start\` or a hosted project.`);
    }
    const { error } = await anon().auth.signInWithOtp({ phone: '+447700900001' });
    expect(error?.status).toBe(501);
    expect(error?.message).toContain('not available locally');
  });

  it('routes /functions/v1 to the Edge Functions and anything else to Kong\'s "no Route matched"', async () => {
    const health = await fetch(`${env.apiUrl}/functions/v1/health`);
    expect(health.status).toBe(200);
    const none = await fetch(`${env.apiUrl}/nothing/here`);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ message: 'no Route matched with those values' });
  });
});
