// GET /functions/v1/health: is this deployment up, and can it reach its database?
// 200 when the database answers, 503 otherwise, so uptime checks and load balancers can act on
// the status alone. Public (verify_jwt = false in config.toml): it reveals nothing but the two states.
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { json, problem } from '../_shared/http.ts';

export interface HealthDependencies {
  /** Resolves true when the database answers a trivial query in time; never rejects. */
  checkDatabase: () => Promise<boolean>;
  now: () => Date;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  time: string;
}

// A health answer is about this instant; caches must not serve an old one.
const headers = { ...corsHeaders, 'Cache-Control': 'no-store' };

export function createHealthHandler({ checkDatabase, now }: HealthDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    if (request.method !== 'GET') {
      return problem(405, 'method_not_allowed', `health does not accept ${request.method}.`, 'Use GET.', {
        headers: { ...headers, Allow: 'GET, OPTIONS' },
      });
    }
    const databaseAnswers = await checkDatabase().catch(() => false);
    const report: HealthReport = databaseAnswers
      ? { status: 'ok', database: 'ok', time: now().toISOString() }
      : { status: 'degraded', database: 'unreachable', time: now().toISOString() };
    return json(databaseAnswers ? 200 : 503, report, { headers });
  };
}
