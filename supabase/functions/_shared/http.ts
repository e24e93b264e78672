// Response helpers, so every function answers JSON and errors in one shape.

/**
 * The body of every error response: a stable machine-readable code, a sentence, and a next step;
 * for refusals of the database also its reason code (`details`, as PostgREST answers it).
 */
export interface Problem {
  code: string;
  message: string;
  hint: string | null;
  details?: string | null;
}

export function json(status: number, body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { ...init, status, headers });
}

/**
 * An error response `{ code, message, hint }`. `code` is snake_case and part of the API (clients
 * switch on it); `message` and `hint` are for people. Never pass a provider's raw error message:
 * log it, and say here what the caller can do.
 */
export function problem(status: number, code: string, message: string, hint?: string, init: ResponseInit = {}): Response {
  const body: Problem = { code, message, hint: hint ?? null };
  return json(status, body, init);
}

/**
 * 503 `database_unavailable`: the database connection was lost or refused (_shared/db.ts
 * connectionLost). Nothing the caller sent is wrong; the same request may succeed in a moment.
 */
export function databaseUnavailable(init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Retry-After', '5');
  return problem(503, 'database_unavailable', 'The database is not reachable right now.', 'Try the same request again in a moment.', { ...init, headers });
}

/**
 * The request body as text, read up to `maxBytes` (a declared Content-Length over it is refused
 * before reading): a client cannot make a function hold an arbitrarily large body. `null`: too large.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** 413 `payload_too_large`: the body is over the function's limit. */
export function payloadTooLarge(maxBytes: number, init: ResponseInit = {}): Response {
  return problem(413, 'payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} kB.`, 'Send a smaller body; nothing was processed.', init);
}
