// Response helpers, so every function answers JSON and errors in one shape.

/** The body of every error response: a stable machine-readable code, a sentence, and a next step. */
export interface Problem {
  code: string;
  message: string;
  hint: string | null;
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
