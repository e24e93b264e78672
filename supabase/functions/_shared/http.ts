// Response helpers, so every function answers JSON and errors in one shape.
import type { z } from 'zod';
import { connectionLost, databaseErrorOf, httpStatusOf } from './db.ts';

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
  const bytes = await readBodyBytes(request, maxBytes);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** The request body as bytes, read up to `maxBytes` like readBodyText. `null`: too large. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
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
  return bytes;
}

/** 413 `payload_too_large`: the body is over the function's limit. */
export function payloadTooLarge(maxBytes: number, init: ResponseInit = {}): Response {
  return problem(413, 'payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} kB.`, 'Send a smaller body; nothing was processed.', init);
}

/**
 * The answer to a failed database call of a function acting for a client: 503
 * `database_unavailable` when the connection was lost; a refusal of the database with its
 * SQLSTATE as `code`, the status PostgREST would use, and the database's message, hint and reason
 * code (`details`), exactly as PostgREST answers it, so clients branch on `details` alike; else
 * 500 `internal_error`. Errors of 5xx are logged with the function's name.
 */
export function databaseProblem(error: unknown, name: string, log: (message: string) => void, init: ResponseInit = {}): Response {
  if (connectionLost(error)) {
    log(`${name}: database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return databaseUnavailable(init);
  }
  const database = databaseErrorOf(error);
  if (database) {
    const status = database.status ?? httpStatusOf(database.code);
    if (status >= 500) log(`${name}: database error ${database.code}: ${database.message}`);
    // The same body PostgREST answers for the same refusal, so clients branch on `details` alike;
    // the 429 of the rate limits also carries its Retry-After.
    return json(status, { code: database.code, message: database.message, hint: database.hint, details: database.details } satisfies Problem,
      { ...init, headers: { ...Object.fromEntries(new Headers(init.headers).entries()), ...database.headers } });
  }
  log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  return problem(500, 'internal_error', 'The request could not be completed.', 'Try again in a moment.', init);
}

/** A zod error as one sentence for a client: `unknown field amount; appointment_id must be a UUID`. */
export function issuesOf(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      return `${issue.path.join('.') || 'body'} ${issue.message}`;
    })
    .join('; ');
}

/**
 * A JSON request body checked with `schema`, or the answer: 413 `payload_too_large` over
 * `maxBytes`, 400 `invalid_body` when it is not JSON, 400 `invalid_request` naming what is wrong.
 * The hints tell the client what to send.
 */
export async function readJsonRequest<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes, headers, jsonHint, requestHint }: { maxBytes: number; headers: HeadersInit; jsonHint: string; requestHint: string },
): Promise<z.infer<Schema> | Response> {
  const text = await readBodyText(request, maxBytes);
  if (text === null) return payloadTooLarge(maxBytes, { headers });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem(400, 'invalid_body', 'The body is not valid JSON.', jsonHint, { headers });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return problem(400, 'invalid_request', `The request is not valid: ${issuesOf(parsed.error)}.`, requestHint, { headers });
  return parsed.data;
}
