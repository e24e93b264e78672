// Under Deno (the runtime the function deploys to): the signature check with a fixed vector
// (computed independently with node:crypto HMAC-SHA1) and the public URL reconstruction.
// The full behaviour is tested under vitest: tests/notifications/*.test.ts.
import { deepStrictEqual, equal } from 'node:assert/strict';
import { twilioSignature, verifyTwilioSignature } from '../_shared/messaging/twilio-signature.ts';
import type { DeliveryStore } from '../_shared/messaging/delivery.ts';
import { createTwilioWebhookHandler, publicUrlOf } from './handler.ts';

const url = 'https://abc.supabase.co/functions/v1/twilio-webhook';
const params = { MessageSid: 'SM0123', MessageStatus: 'delivered', AccountSid: 'AC42' };
const vector = 'zECcI3FsEzTTlC/fqeHoOyncq0Q=';

Deno.test('the signature matches the fixed vector; other tokens, URLs and parameters do not', async () => {
  equal(await twilioSignature('12345', url, params), vector);
  equal(await verifyTwilioSignature('12345', url, new URLSearchParams(params), vector), true);
  equal(await verifyTwilioSignature('54321', url, params, vector), false);
  equal(await verifyTwilioSignature('12345', `${url}?x=1`, params, vector), false);
  equal(await verifyTwilioSignature('12345', url, { ...params, MessageStatus: 'failed' }, vector), false);
});

Deno.test('a status callback through the gateway URL is verified and recorded', async () => {
  const calls: unknown[][] = [];
  const store: DeliveryStore = {
    recordDeliveryStatus: (...args) => (calls.push(args), Promise.resolve(true)),
    recordOptOut: () => Promise.resolve(),
    recordOptIn: () => Promise.resolve(),
    fallBackToSms: () => Promise.resolve(false),
  };
  const handler = createTwilioWebhookHandler({ ...store, authToken: '12345', log: () => {} });
  const request = new Request('http://127.0.0.1:9999/twilio-webhook', {
    method: 'POST',
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.supabase.co', 'x-twilio-signature': vector },
    body: new URLSearchParams(params).toString(),
  });
  equal(publicUrlOf(request), url);
  const response = await handler(request);
  equal(response.status, 200);
  equal(await response.text(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
  deepStrictEqual(calls, [['twilio', 'SM0123', 'delivered', null]]);
});
