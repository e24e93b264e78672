import { deepStrictEqual, equal, rejects } from 'node:assert/strict';
import { sendOnce } from './provider-fetch.ts';

/**
 * A peer that reads each request completely (headers and body) and then closes the connection
 * without answering, as a provider whose answer is lost would. Records every request it read.
 */
function closingPeer(): { url: string; requests: string[]; close: () => void } {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
  const requests: string[] = [];
  (async () => {
    for await (const connection of listener) {
      (async () => {
        const buffer = new Uint8Array(65536);
        let text = '';
        for (;;) {
          const read = await connection.read(buffer).catch(() => null);
          if (read === null) break;
          text += new TextDecoder().decode(buffer.subarray(0, read));
          const end = text.indexOf('\r\n\r\n');
          if (end < 0) continue;
          const head = text.slice(0, end).toLowerCase();
          const body = text.slice(end + 4);
          const length = /content-length: *(\d+)/.exec(head);
          const complete = length ? body.length >= Number(length[1]) : head.includes('transfer-encoding: chunked') ? body.endsWith('0\r\n\r\n') : true;
          if (complete) break;
        }
        if (text) requests.push(text);
        connection.close();
      })();
    }
  })().catch(() => {});
  const { port } = listener.addr as Deno.NetAddr;
  return { url: `http://127.0.0.1:${port}/2010-04-01/Accounts/AC1/Messages.json`, requests, close: () => listener.close() };
}

const form = () => new URLSearchParams({ To: '+447700900123', Body: 'Your code is 123456' });

Deno.test('sendOnce: when the peer reads the request and closes without answering, the request was sent once and the call fails', async () => {
  const peer = closingPeer();
  try {
    await rejects(sendOnce(peer.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form().toString() }));
    await rejects(sendOnce(peer.url, { method: 'POST', body: form() }));
    await rejects(sendOnce(peer.url, { method: 'POST', body: new TextEncoder().encode('{"to":"a@example.test"}') }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(peer.requests.length, 3, 'one request per call');
    deepStrictEqual(peer.requests.map((r) => r.includes('Body=Your+code+is+123456') || r.includes('a@example.test')), [true, true, true], 'each carried its body');
    equal(peer.requests[1]?.toLowerCase().includes('content-type: application/x-www-form-urlencoded'), true, 'a form keeps its content type');
  } finally {
    peer.close();
  }
});

Deno.test('the premise: this runtime\'s own fetch sends a replayable POST body twice to such a peer', async () => {
  const peer = closingPeer();
  try {
    await rejects(fetch(peer.url, { method: 'POST', body: form().toString() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(peer.requests.length, 2, 'if this fails, Deno no longer repeats requests and sendOnce could be plain fetch');
  } finally {
    peer.close();
  }
});
