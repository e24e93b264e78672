// supabase/functions/_shared/standard-webhooks.ts — the signature check of the Send SMS / Send
// Email hooks — against the reference Standard Webhooks library (npm standardwebhooks@1.1.1, the
// scheme Supabase Auth signs with): it accepts what the library signs, refuses what the library
// would refuse, and its own signWebhook() verifies with the library.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  createWebhookVerifier, isWebhookSecret, signWebhook, WebhookVerificationError, webhookKeyOf,
} from '../../supabase/functions/_shared/standard-webhooks.ts';
import { newHookSecret, signHook } from './send-hook-helpers.ts';

const body = JSON.stringify({ user: { id: randomUUID(), phone: '447700900001' }, sms: { otp: '123456' } });

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
}

describe('Standard Webhooks verification of the Auth hooks', () => {
  it('accepts a request the reference library signed', async () => {
    const secret = newHookSecret();
    await expect(createWebhookVerifier(secret).verify(new Headers(signHook(secret, body)), body)).resolves.toBeUndefined();
  });

  it('refuses a wrong secret, a tampered body, and a replayed (old) or future timestamp', async () => {
    const secret = newHookSecret();
    const verifier = createWebhookVerifier(secret);
    expect(await rejection(verifier.verify(new Headers(signHook(newHookSecret(), body)), body))).toBe('no_matching_signature');
    expect(await rejection(verifier.verify(new Headers(signHook(secret, body)), body.replace('123456', '123457')))).toBe('no_matching_signature');
    expect(await rejection(verifier.verify(new Headers(signHook(secret, body, { at: new Date(Date.now() - 301_000) })), body))).toBe('timestamp_too_old');
    expect(await rejection(verifier.verify(new Headers(signHook(secret, body, { at: new Date(Date.now() + 301_000) })), body))).toBe('timestamp_too_new');
    // Within the 5-minute tolerance both ways.
    await verifier.verify(new Headers(signHook(secret, body, { at: new Date(Date.now() - 290_000) })), body);
    await verifier.verify(new Headers(signHook(secret, body, { at: new Date(Date.now() + 290_000) })), body);
  });

  it('refuses missing headers, a non-numeric timestamp and a signature of another version', async () => {
    const secret = newHookSecret();
    const verifier = createWebhookVerifier(secret);
    const signed = signHook(secret, body);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const headers = new Headers(signed);
      headers.delete(name);
      expect(await rejection(verifier.verify(headers, body)), name).toBe('missing_headers');
    }
    expect(await rejection(verifier.verify(new Headers({ ...signed, 'webhook-timestamp': 'soon' }), body))).toBe('invalid_timestamp');
    const v2 = signed['webhook-signature']?.replace(/^v1,/, 'v2,') as string;
    expect(await rejection(verifier.verify(new Headers({ ...signed, 'webhook-signature': v2 }), body))).toBe('no_matching_signature');
  });

  it('accepts one matching signature among several, space- or ", "-separated (GoTrue joins one per secret with ", ")', async () => {
    const secret = newHookSecret();
    const other = newHookSecret();
    const id = randomUUID();
    const at = new Date();
    const mine = new Webhook(secret.slice(9)).sign(id, at, body);
    const theirs = new Webhook(other.slice(9)).sign(id, at, body);
    const base = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)) };
    const verifier = createWebhookVerifier(secret);
    await verifier.verify(new Headers({ ...base, 'webhook-signature': `${theirs} ${mine}` }), body);
    await verifier.verify(new Headers({ ...base, 'webhook-signature': `${theirs}, ${mine}` }), body);
    expect(await rejection(verifier.verify(new Headers({ ...base, 'webhook-signature': `${theirs}, v1,not-base64!` }), body))).toBe('no_matching_signature');
  });

  it('accepts either of two configured secrets (rotation: "v1,whsec_a|v1,whsec_b")', async () => {
    const [a, b] = [newHookSecret(), newHookSecret()];
    const verifier = createWebhookVerifier(`${a}|${b}`);
    await verifier.verify(new Headers(signHook(a, body)), body);
    await verifier.verify(new Headers(signHook(b, body)), body);
    expect(await rejection(verifier.verify(new Headers(signHook(newHookSecret(), body)), body))).toBe('no_matching_signature');
  });

  it('signWebhook produces what the reference library verifies', async () => {
    const secret = newHookSecret();
    const headers = await signWebhook(secret, body);
    expect(new Webhook(secret.slice(9)).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('reads the secret formats Supabase shows and refuses others without echoing them', () => {
    const secret = newHookSecret();
    const key = Buffer.from(secret.slice(9), 'base64');
    expect(Buffer.from(webhookKeyOf(secret))).toEqual(key);
    expect(Buffer.from(webhookKeyOf(secret.slice(3)))).toEqual(key);
    expect(isWebhookSecret(secret)).toBe(true);
    expect(isWebhookSecret(`${secret}|${newHookSecret()}`)).toBe(true);
    expect(isWebhookSecret('whsec_abc')).toBe(false);
    expect(isWebhookSecret('v1,whsec_not base64')).toBe(false);
    expect(() => webhookKeyOf('v1,whsec_!!!')).toThrow(/v1,whsec_<base64>/);
    expect(() => webhookKeyOf('v1,whsec_!!!')).not.toThrow(/!!!/);
  });
});
