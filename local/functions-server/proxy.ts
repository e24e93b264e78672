// Forwards one request to an upstream (a function process, PostgREST) and its response back, both
// bodies streamed.
import { gatewayErrors } from './gateway.ts';

// Connection-scoped headers (RFC 9110 §7.6.1) belong to each hop, not to the message.
const hopByHop = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

export function withoutHopByHop(source: Headers): Headers {
  const headers = new Headers(source);
  for (const name of (source.get('connection') ?? '').split(',')) if (name.trim()) headers.delete(name.trim());
  for (const name of hopByHop) headers.delete(name);
  return headers;
}

/** The request's headers for the next hop, with the gateway's X-Forwarded-For/Host/Proto. */
export function forwardedHeaders(request: Request, clientAddress: string): Headers {
  const headers = withoutHopByHop(request.headers);
  const originalUrl = new URL(request.url);
  headers.set('x-forwarded-host', request.headers.get('host') ?? originalUrl.host);
  headers.set('x-forwarded-proto', originalUrl.protocol.replace(':', ''));
  const forwardedFor = request.headers.get('x-forwarded-for');
  headers.set('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${clientAddress}` : clientAddress);
  return headers;
}

/** The same method and (streamed) body to `url`; redirects are the client's business. */
export function fetchUpstream(request: Request, url: URL, headers: Headers, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: request.method, headers, body: request.body, redirect: 'manual', ...(signal ? { signal } : {}) });
}

/** The upstream's response for the client, without its hop-by-hop headers. */
export function relay(upstream: Response, headers = withoutHopByHop(upstream.headers)): Response {
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
}

export interface ForwardOptions {
  /** http://127.0.0.1:<port> of the function process. */
  origin: string;
  /** `/<name>/...` as the platform passes it (without /functions/v1), plus the query string. */
  pathAndQuery: string;
  clientAddress: string;
  /** The Authorization the function gets (the gateway's request-transformer decides it); null: none. */
  authorization?: string | null;
  /** Time allowed until the function sends its response headers (the platform's is 150 s). */
  idleTimeoutMs: number;
  /** Runs before answering WORKER_ERROR, when the process could not be reached. */
  onUnreachable: () => Promise<void>;
}

export async function forwardToFunction(request: Request, options: ForwardOptions): Promise<Response> {
  const headers = forwardedHeaders(request, options.clientAddress);
  if (options.authorization === null) headers.delete('authorization');
  else if (options.authorization !== undefined) headers.set('authorization', options.authorization);

  // Only the idle timeout aborts the call. A client that goes away mid-response cancels the
  // streamed body, which closes the upstream connection too.
  const abort = new AbortController();
  let timedOut = false;
  const idleTimer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.idleTimeoutMs);

  let upstream: Response;
  try {
    upstream = await fetchUpstream(request, new URL(options.pathAndQuery, options.origin), headers, abort.signal);
  } catch {
    if (timedOut) return gatewayErrors.idleTimeout(Math.round(options.idleTimeoutMs / 1000));
    // A refused or reset connection means the process died: the platform's WORKER_ERROR.
    await options.onUnreachable();
    return gatewayErrors.workerError();
  } finally {
    clearTimeout(idleTimer);
  }

  const responseHeaders = withoutHopByHop(upstream.headers);
  // The platform tags failed invocations so clients can tell them apart (docs: error-codes).
  if (upstream.status >= 500 && !responseHeaders.has('sb-error-code')) responseHeaders.set('sb-error-code', 'EDGE_FUNCTION_ERROR');
  return relay(upstream, responseHeaders);
}
