// Small pieces shared by the provider fakes: a node HTTP server on a free loopback port, a request
// recorder, and error injection ("the next N requests fail like this").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * hang: never answers; close: reads the whole request, then closes the connection without an
 * answer (the provider may have acted on it; the client cannot know); else an HTTP error answer.
 */
export type Failure = 'hang' | 'close' | { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /**
   * The next `count` requests (default 1) get `failure` instead of the normal answer; with `match`,
   * only requests it accepts count (others are answered normally), so tests sharing a database
   * can aim a failure at their own message.
   */
  failNext: (failure: Failure, count?: number, match?: (request: RecordedRequest) => boolean) => void;
  /** Every answer from now on waits this many ms after the request was read (0: none). */
  setLatency: (ms: number) => void;
  close: () => Promise<void>;
}

export async function startFakeServer(
  answer: (request: RecordedRequest, response: ServerResponse) => void,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const failures: Array<{ failure: Failure; match?: (request: RecordedRequest) => boolean }> = [];
  const hanging = new Set<ServerResponse>();
  let latencyMs = 0;
  const server: Server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
      const recorded: RecordedRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(recorded);
      if (latencyMs > 0) setTimeout(() => respond(recorded, response), latencyMs);
      else respond(recorded, response);
    });
  });
  const respond = (recorded: RecordedRequest, response: ServerResponse) => {
    const index = failures.findIndex((f) => !f.match || f.match(recorded));
    const failure = index >= 0 ? failures.splice(index, 1)[0]!.failure : undefined;
    if (failure === 'close') {
      response.socket?.destroy();
      return;
    }
    if (failure === 'hang') {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    if (failure) {
      sendJson(response, failure.status, failure.body, failure.headers);
      return;
    }
    answer(recorded, response);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    failNext: (failure, count = 1, match) => {
      for (let i = 0; i < count; i++) failures.push({ failure, match });
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
