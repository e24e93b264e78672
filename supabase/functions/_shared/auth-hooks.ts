// What the Send SMS and Send Email Auth hooks share: the request pipeline (POST, Standard Webhooks
// signature, JSON), the Auth hook response shape, handling each call once (its webhook-id), who
// the recipient is to us (tenant branding and language), and how a provider failure is answered.
//
// Response contract of Supabase Auth (GoTrue) for HTTP hooks [docs: auth/auth-hooks "Error
// handling"; github.com/supabase/auth internal/hooks/v0hooks/v0http/v0http.go, manager.go]:
// - 200/202/204 with Content-Type application/json: success, unless the body is
//   `{ "error": { "http_code", "message" } }` — then Auth answers the app with that status and
//   message (the only way a message reaches the user);
// - 429/503 with a non-empty `retry-after` header: Auth retries (3 attempts, 2 s apart, 5 s each);
// - anything else (400, 401, 5xx): Auth answers the app with a generic 500.
import type { Sql } from './db.ts';
import { asServiceRole } from './db.ts';
import { readBodyText } from './http.ts';
import { ProviderError } from './messaging/types.ts';
import { type WebhookVerifier, WebhookVerificationError } from './standard-webhooks.ts';

/** Languages the OTP messages are written in; anything else falls back along languageOf(). */
export const hookLanguages = ['en', 'es'] as const;
export type HookLanguage = (typeof hookLanguages)[number];

/** The first candidate (BCP 47 tags, e.g. es-MX) whose primary language we write; else 'en'. */
export function languageOf(...candidates: Array<string | null | undefined>): HookLanguage {
  for (const candidate of candidates) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary && (hookLanguages as readonly string[]).includes(primary)) return primary as HookLanguage;
  }
  return 'en';
}

const jsonHeaders = { 'Content-Type': 'application/json' };

/** Auth's Send SMS / Send Email events are a user object and a few fields: a few kB. */
const maxHookBodyBytes = 256 * 1024;

/** 200 `{}`: the message went out (or was captured by the local dev outbox). */
export function hookSuccess(): Response {
  return new Response('{}', { status: 200, headers: jsonHeaders });
}

/**
 * An error in the Auth hook shape. `relay`: answer 200 so Auth passes http_code and message on
 * to the app (user-facing refusals); otherwise the status is http_code itself. `retry`: 503-style
 * answers carry `retry-after` so Auth tries again.
 */
export function hookError(httpCode: number, message: string, { relay = false, retry = false } = {}): Response {
  const headers: Record<string, string> = { ...jsonHeaders };
  if (retry) headers['retry-after'] = 'true';
  return new Response(JSON.stringify({ error: { http_code: httpCode, message } }), { status: relay ? 200 : httpCode, headers });
}

/**
 * POST + valid signature + JSON body, or the error response to send. The body is verified as the
 * raw text Auth signed, before it is parsed. `webhookId` is the verified call's webhook-id.
 */
export async function readSignedHook(
  request: Request,
  verifier: WebhookVerifier,
  log: (line: string) => void,
  hookName: string,
): Promise<{ payload: unknown; webhookId: string } | { response: Response }> {
  if (request.method !== 'POST') {
    return { response: new Response(JSON.stringify({ error: { http_code: 405, message: `${hookName} accepts POST only` } }), {
      status: 405,
      headers: { ...jsonHeaders, Allow: 'POST' },
    }) };
  }
  const body = await readBodyText(request, maxHookBodyBytes);
  if (body === null) return { response: hookError(413, 'The hook payload is too large.') };
  try {
    await verifier.verify(request.headers, body);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    log(`${hookName}: refused a request: ${error.reason}`);
    return { response: hookError(401, 'Invalid hook signature.') };
  }
  try {
    return { payload: JSON.parse(body) as unknown, webhookId: request.headers.get('webhook-id') as string };
  } catch {
    return { response: hookError(400, 'The hook payload is not JSON.') };
  }
}

/**
 * `work`, or `fallback()` when it has not settled within `ms` (work's own rejection passes
 * through; a fallback that throws rejects, it never escapes the timer as an uncaught error).
 */
async function within<T>(work: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(fallback());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type HookName = 'send_sms' | 'send_email';

/** public.record_auth_hook_call: true the first time a call's webhook-id is seen, false for a repeat. */
export type HookCallLedger = (hook: HookName, webhookId: string) => Promise<boolean>;

/** The ledger over the database, as service_role; rejects when it does not answer within timeoutMs. */
export function createHookCallLedger(sql: Sql, { timeoutMs = 1500 }: { timeoutMs?: number } = {}): HookCallLedger {
  return (hook, webhookId) =>
    within(
      asServiceRole(sql, async (tx) => {
        const [row] = await tx<{ first: boolean }[]>`select public.record_auth_hook_call(${hook}::text, ${webhookId}::text) as first`;
        return row?.first === true;
      }),
      timeoutMs,
      () => {
        throw new Error(`the call ledger did not answer within ${timeoutMs} ms`);
      },
    );
}

/**
 * Each call is handled once. Supabase Auth gives every call (and every retry) its own webhook-id,
 * so a webhook-id seen before is a genuine call replayed within the signature tolerance: it is
 * answered 200 {} without sending again (the first call sent, or is sending, the message).
 * Returns null for a first call (go on and send). When the ledger cannot be reached: 503 +
 * retry-after and nothing is sent, so Auth tries again with a new call.
 */
export async function replayedCallResponse(
  ledger: HookCallLedger,
  hook: HookName,
  webhookId: string,
  log: (line: string) => void,
  hookName: string,
): Promise<Response | null> {
  let first: boolean;
  try {
    first = await ledger(hook, webhookId);
  } catch (error) {
    log(`${hookName}: could not record the call (${error instanceof Error ? error.message : String(error)}); asking Auth to retry`);
    return hookError(503, 'The message could not be sent. Try again in a moment.', { retry: true });
  }
  if (first) return null;
  log(`${hookName}: call ${webhookId} was handled before (a replay): not sending again`);
  return hookSuccess();
}

/**
 * public.record_otp_request: counts a one-time code against the per-recipient and per-IP limits
 * (docs/rate-limits.md#one-time-codes); null to send it, or the seconds to wait.
 */
export type OtpRateLimit = (channel: 'sms' | 'email', recipient: string, ipAddress: string | null) => Promise<number | null>;

/** The limit over the database, as service_role; rejects when it does not answer within timeoutMs. */
export function createOtpRateLimit(sql: Sql, { timeoutMs = 800 }: { timeoutMs?: number } = {}): OtpRateLimit {
  return (channel, recipient, ipAddress) =>
    within(
      asServiceRole(sql, async (tx) => {
        const [row] = await tx<{ wait: number | null }[]>`select public.record_otp_request(${channel}::text, ${recipient}::text, ${ipAddress}::text) as wait`;
        return row?.wait ?? null;
      }),
      timeoutMs,
      () => {
        throw new Error(`the code limit did not answer within ${timeoutMs} ms`);
      },
    );
}

/**
 * The answer when a code must not go out because its recipient or the sign-in's address asked
 * for too many: 200 with `{ error: { http_code: 429, message } }`, which Auth passes on to the
 * app as HTTP 429 with that message (nothing is sent). Null when the code may go out. A limit
 * that cannot be checked lets the code go (a sign-in never fails for it) and says so in the log.
 */
export async function limitedCodeResponse(
  limit: OtpRateLimit,
  channel: 'sms' | 'email',
  recipient: string,
  ipAddress: string | null,
  log: (line: string) => void,
  hookName: string,
): Promise<Response | null> {
  let wait: number | null;
  try {
    wait = await limit(channel, recipient, ipAddress);
  } catch (error) {
    log(`${hookName}: could not check the code limit (${error instanceof Error ? error.message : String(error)}); sending`);
    return null;
  }
  if (wait === null) return null;
  const minutes = Math.max(1, Math.ceil(wait / 60));
  log(`${hookName}: too many codes for …${recipient.slice(-4)} or its address; not sending (retry in ${wait} s)`);
  return hookError(429, `Too many codes were requested. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { relay: true });
}

/** What we know about the person a code is for: the clinic to name and the languages to try. */
export interface RecipientContext {
  tenantName: string;
  /** tenants.locale, e.g. en-GB. */
  tenantLocale: string;
  /** patients.preferred_language of the user's record in that tenant, if any. */
  patientLanguage: string | null;
  /** patients.preferred_channel of that record (sms, email, whatsapp), if any. */
  patientChannel?: string | null;
}

export interface RecipientQuery {
  /** auth.users.id from the payload. */
  userId: string | null;
  /** user_metadata.tenant_slug: the clinic app the user signs up through (signUp options.data). */
  tenantSlug: string | null;
}

export type RecipientContextLookup = (query: RecipientQuery) => Promise<RecipientContext | null>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Looks the recipient up as service_role: the tenant named by tenant_slug, else the single active
 * tenant where the user has a linked patient record (a patient of several clinics, or nobody yet,
 * gets the neutral Slotbase wording). Unlinked records matching the phone/e-mail are deliberately
 * NOT used: a recycled number must not learn whose clinic it used to belong to.
 * Never throws and never takes longer than timeoutMs: sign-in must not fail for want of branding.
 */
export function createRecipientContextLookup(
  sql: Sql,
  { timeoutMs = 800, log = console.error }: { timeoutMs?: number; log?: (line: string) => void } = {},
): RecipientContextLookup {
  return async ({ userId, tenantSlug }) => {
    const user = userId && uuidPattern.test(userId) ? userId : null;
    if (!user && !tenantSlug) return null;
    const lookup = asServiceRole(sql, (tx) => tx<Array<{ name: string; slug: string; locale: string; preferred_language: string | null; preferred_channel: string | null; is_patient: boolean }>>`
      select t.name::text as name, t.slug::text as slug, t.locale::text as locale,
             p.preferred_language::text as preferred_language, p.preferred_channel::text as preferred_channel,
             (p.user_id is not null) as is_patient
      from public.tenants as t
      left join public.patients as p on p.tenant_id = t.id and p.user_id = ${user}::uuid
      where t.is_active and (p.user_id is not null or t.slug = ${tenantSlug ?? null}::text)
    `).then((rows) => {
      const chosen = rows.find((row) => tenantSlug !== null && row.slug === tenantSlug) ??
        (rows.filter((row) => row.is_patient).length === 1 ? rows.find((row) => row.is_patient) : undefined);
      return chosen
        ? { tenantName: chosen.name, tenantLocale: chosen.locale, patientLanguage: chosen.preferred_language, patientChannel: chosen.preferred_channel }
        : null;
    }).catch((error: unknown) => {
      log(`auth hook: recipient lookup failed (${error instanceof Error ? error.message : String(error)}); sending without branding`);
      return null;
    });
    return within(lookup, timeoutMs, () => {
      log(`auth hook: recipient lookup took longer than ${timeoutMs} ms; sending without branding`);
      return null;
    });
  };
}

/**
 * The answer when the sender threw. Retryable (timeouts, 429, 5xx): 503 + retry-after, so Auth
 * tries again. The provider refused this recipient (400/422): relayed 400 with a message the app
 * can show. Anything else: relayed 502.
 */
export function sendFailureResponse(error: unknown, channel: 'SMS' | 'e-mail', hookName: string, log: (line: string) => void): Response {
  if (error instanceof ProviderError) {
    log(`${hookName}: provider ${error.retryable ? 'unavailable' : 'refused'} (status ${error.status ?? '-'}, code ${error.providerCode ?? '-'}): ${error.message}`);
    if (error.retryable) {
      return hookError(503, `The ${channel} provider is unavailable. Try again in a moment.`, { retry: true });
    }
    if (error.status === 400 || error.status === 422) {
      return hookError(400, channel === 'SMS'
        ? 'The code could not be sent to this phone number by SMS. Check the number, or sign in another way.'
        : 'The e-mail could not be sent to this address. Check the address, or sign in another way.', { relay: true });
    }
    return hookError(502, `The ${channel} could not be sent. Try again later.`, { relay: true });
  }
  log(`${hookName}: sending failed: ${error instanceof Error ? error.message : String(error)}`);
  return hookError(503, `The ${channel} could not be sent. Try again in a moment.`, { retry: true });
}

/** Text safe to put into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
