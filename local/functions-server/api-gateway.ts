// The API gateway in front of the local stack, on the one origin apps use (SUPABASE_URL): what
// Supabase's Kong does for the Data API and the services that cannot run here.
//
//   /rest/v1/*      -> PostgREST /*            key-auth (apikey), Authorization from the key, CORS
//   /graphql/v1     -> PostgREST /rpc/graphql  (Content-Profile: graphql_public), same plugins
//   /auth/v1/.well-known/jwks.json             -> the public signing keys, as GoTrue serves them
//   /auth/v1/*, /realtime/v1/*, /storage/v1/*  -> 501 JSON: not available locally (no Docker)
//   /functions/v1/* -> the Edge Functions (serve.ts; Authorization from the key, as for /rest/v1)
//
// Sources: the Supabase CLI's Kong template (internal/start/templates/kong.yml: routes,
// strip_path, the request-transformer's Authorization expression in internal/start/start.go, the
// same in CLI 3.1.0's bundled gateway: a secret key becomes the service_role JWT, a publishable
// key the anon JWT); Supabase's self-hosted kong.yml (key-auth with key_names [apikey] and an ACL
// allowing the consumers `anon` and `service_role` on rest-v1 and graphql-v1); Kong 2.8.1, the
// version the CLI pins (plugins key-auth and cors with their default configuration,
// kong.response.error); GoTrue's Jwks handler (internal/api/jwks.go: public keys only,
// `Cache-Control: public, max-age=600`).
import type { JwkSet } from './jwt.ts';
import { fetchUpstream, forwardedHeaders, relay } from './proxy.ts';

export type ApiRoute =
  | { kind: 'rest'; upstreamPath: string }
  | { kind: 'graphql' }
  | { kind: 'jwks' }
  | { kind: 'unavailable'; service: UnavailableService }
  | { kind: 'functions' }
  | { kind: 'none' };

export type UnavailableService = 'auth' | 'realtime' | 'storage';

const unavailable: Record<UnavailableService, { prefix: string; what: string }> = {
  auth: { prefix: '/auth/v1', what: 'Auth (GoTrue)' },
  realtime: { prefix: '/realtime/v1', what: 'Realtime' },
  storage: { prefix: '/storage/v1', what: 'Storage' },
};

/** The one Auth path answered locally: the JWK Set verifiers fetch (docs: auth/signing-keys). */
export const jwksPath = '/auth/v1/.well-known/jwks.json';

/** Kong matches `paths` as prefixes; strip_path removes the matched prefix (keeping a leading /). */
export function parseApiRoute(pathname: string): ApiRoute {
  if (pathname.startsWith('/functions/v1/')) return { kind: 'functions' };
  if (pathname.startsWith('/rest/v1/')) return { kind: 'rest', upstreamPath: pathname.slice('/rest/v1'.length) };
  if (pathname === '/graphql/v1' || pathname.startsWith('/graphql/v1/')) return { kind: 'graphql' };
  if (pathname === jwksPath) return { kind: 'jwks' };
  for (const [service, { prefix }] of Object.entries(unavailable) as Array<[UnavailableService, { prefix: string }]>) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return { kind: 'unavailable', service };
  }
  return { kind: 'none' };
}

/** Kong's error body: `{"message": …}` (kong.response.error, JSON template). */
export function kongError(status: number, message: string, headers: HeadersInit = {}): Response {
  return new Response(`{\n  "message":"${message}"\n}`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...Object.fromEntries(new Headers(headers)) },
  });
}

export const noRouteMatched = () => kongError(404, 'no Route matched with those values');

/** A service that only runs in Docker (`supabase start`) or on a hosted project. */
export function notAvailableLocally(service: UnavailableService): Response {
  const { prefix, what } = unavailable[service];
  return Response.json({
    code: 'not_available_locally',
    message: `${what} is not available locally: use \`supabase start\` or a hosted project.`,
    hint: `This Docker-free stack serves /rest/v1 (PostgREST), /functions/v1 (Edge Functions) and ${jwksPath} only; ${prefix} needs the real service.`,
  }, { status: 501 });
}

/** The project's API keys: the legacy JWT ones and the opaque `sb_publishable_…` / `sb_secret_…`. */
export interface ApiKeys {
  anonKey: string;
  serviceRoleKey: string;
  publishableKeys: string[];
  secretKeys: string[];
}

/**
 * The JWT a key stands for downstream: a secret key the service_role JWT, a publishable key the
 * anon JWT (what the gateway's request-transformer sends for them), a legacy key itself; null for
 * anything else.
 */
export function jwtForApiKey(apikey: string, keys: ApiKeys): string | null {
  if (keys.secretKeys.includes(apikey)) return keys.serviceRoleKey;
  if (keys.publishableKeys.includes(apikey)) return keys.anonKey;
  if (apikey === keys.anonKey || apikey === keys.serviceRoleKey) return apikey;
  return null;
}

/**
 * key-auth (key_names [apikey], in the header or the query string, hide_credentials false) with a
 * consumer per API key, legacy and new. null when the request may pass.
 */
export function rejectApiKey(request: Request, url: URL, keys: ApiKeys): Response | null {
  const fromQuery = url.searchParams.getAll('apikey');
  if (!request.headers.has('apikey') && fromQuery.length > 1) return kongError(401, 'Duplicate API key found');
  const key = request.headers.get('apikey') ?? fromQuery[0];
  if (!key) return kongError(401, 'No API key found in request', { 'www-authenticate': 'Key realm="kong"' });
  if (jwtForApiKey(key, keys) === null) return kongError(401, 'Invalid authentication credentials');
  return null;
}

/**
 * The request-transformer's Authorization: the caller's own header, unless it is absent or an
 * opaque `Bearer sb_…` key; then the JWT the apikey stands for (jwtForApiKey), or none.
 */
export function upstreamAuthorization(headers: Headers, url: URL, keys: ApiKeys): string | null {
  const authorization = headers.get('authorization');
  if (authorization && !authorization.startsWith('Bearer sb_')) return authorization;
  const apikey = headers.get('apikey') ?? url.searchParams.get('apikey');
  const jwt = apikey ? jwtForApiKey(apikey, keys) : null;
  return jwt ? `Bearer ${jwt}` : null;
}

/** GoTrue's JWKS answer: the public signing keys (never the legacy secret), cacheable 10 minutes. */
export function jwksResponse(publicJwks: JwkSet): Response {
  return Response.json(publicJwks, { headers: { 'cache-control': 'public, max-age=600' } });
}

// --- cors (Kong 2.8.1, default configuration) --------------------------------------------------

const corsMethods = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT';

/** A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the gateway. */
export function corsPreflight(request: Request): Response | null {
  const headers = request.headers;
  if (request.method !== 'OPTIONS' || !headers.get('origin') || !headers.get('access-control-request-method')) return null;
  const response = new Headers({ 'access-control-allow-origin': '*', 'access-control-allow-methods': corsMethods, 'content-length': '0' });
  const requested = headers.get('access-control-request-headers');
  if (requested) response.set('access-control-allow-headers', requested);
  return new Response(null, { status: 200, headers: response });
}

/** Every other response carries `Access-Control-Allow-Origin: *`. */
export function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// --- proxying ----------------------------------------------------------------------------------

export interface UpstreamRequest {
  /** http://127.0.0.1:<PostgREST port> */
  origin: string;
  pathAndQuery: string;
  clientAddress: string;
  /** Headers to set on the upstream request (Authorization, Content-Profile). */
  set: Record<string, string | null>;
}

/** Forwards to PostgREST with Kong's X-Forwarded-* headers; streams both bodies. */
export async function forwardToUpstream(request: Request, upstream: UpstreamRequest): Promise<Response> {
  const headers = forwardedHeaders(request, upstream.clientAddress);
  headers.set('x-real-ip', upstream.clientAddress);
  for (const [name, value] of Object.entries(upstream.set)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  try {
    return relay(await fetchUpstream(request, new URL(upstream.pathAndQuery, upstream.origin), headers));
  } catch {
    return kongError(502, 'An invalid response was received from the upstream server');
  }
}

export interface ApiGatewayOptions {
  /** PostgREST's origin, or why there is none (the binary is not available on this platform). */
  rest: { origin: string } | { unavailable: string };
  keys: ApiKeys;
  /** What /auth/v1/.well-known/jwks.json serves. */
  publicJwks: JwkSet;
}

/** Answers every request that is not for /functions/v1 (those return null: serve.ts handles them). */
export async function handleApiRequest(request: Request, clientAddress: string, options: ApiGatewayOptions): Promise<Response | null> {
  const url = new URL(request.url);
  const route = parseApiRoute(url.pathname);
  if (route.kind === 'functions') return null;
  if (route.kind === 'none') return noRouteMatched();
  // The cors plugin runs first (priority 2000 > key-auth 1250): preflights never need a key.
  const preflight = corsPreflight(request);
  if (preflight) return preflight;
  if (route.kind === 'jwks') {
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    return withCors(readOnly ? jwksResponse(options.publicJwks) : Response.json({ message: 'Method Not Allowed' }, { status: 405, headers: { allow: 'GET, HEAD' } }));
  }
  if (route.kind === 'unavailable') return withCors(notAvailableLocally(route.service));
  const rejected = rejectApiKey(request, url, options.keys);
  if (rejected) return withCors(rejected);
  if ('unavailable' in options.rest) {
    return withCors(Response.json({
      code: 'data_api_not_running',
      message: `The Data API (PostgREST) is not running in this local stack: ${options.rest.unavailable}.`,
      hint: 'Everything else works; use `supabase start` or a hosted project for /rest/v1 on this machine.',
    }, { status: 503 }));
  }
  const authorization = upstreamAuthorization(request.headers, url, options.keys);
  const response = route.kind === 'rest'
    ? await forwardToUpstream(request, {
      origin: options.rest.origin,
      pathAndQuery: `${route.upstreamPath}${url.search}`,
      clientAddress,
      set: { authorization },
    })
    : await forwardToUpstream(request, {
      origin: options.rest.origin,
      pathAndQuery: `/rpc/graphql${url.search}`,
      clientAddress,
      set: { authorization, 'content-profile': 'graphql_public' },
    });
  return withCors(response);
}
