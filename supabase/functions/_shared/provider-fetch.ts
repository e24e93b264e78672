// The fetch every call to a provider (Twilio, Resend, Stripe) goes through: it is sent at most once.
//
// Deno's fetch repeats a request by itself when the connection closes before an answer arrives
// (a stale pooled connection, or a peer that read the request and then reset it), as long as the
// body can be replayed: a string or bytes. For a POST that sends an SMS, the provider then gets it
// twice while our attempt counter says once. A body the runtime cannot replay, a stream, is never
// repeated; so the body is sent as a one-shot stream (chunked on HTTP/1.1, DATA frames on HTTP/2).
// A lost answer then fails the call, and the caller decides whether to try again (and counts it).

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function bytesOf(body: BodyInit): Uint8Array | null {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof URLSearchParams) return new TextEncoder().encode(body.toString());
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return null;
}

/** A stream that yields the bytes once. */
function oneShot(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * fetch, never repeated by the runtime: a string, bytes or form body is sent as a one-shot
 * stream. Other bodies (streams already) and requests without a body are passed through.
 */
export const sendOnce: Fetch = (input, init = {}) => {
  const bytes = init.body === undefined || init.body === null ? null : bytesOf(init.body);
  if (!bytes) return fetch(input, init);
  const headers = new Headers(init.headers);
  if (!headers.has('content-type') && init.body instanceof URLSearchParams) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
  return fetch(input, { ...init, headers, body: oneShot(bytes), duplex: 'half' } as RequestInit);
};
