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
