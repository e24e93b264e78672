// Which provider sends each channel, decided once at startup from the environment:
//   SMS:   Twilio when TWILIO_ACCOUNT_SID + (TWILIO_AUTH_TOKEN | TWILIO_API_KEY_SID + TWILIO_API_KEY_SECRET)
//          + (TWILIO_FROM | TWILIO_MESSAGING_SERVICE_SID) are set, else the dev outbox;
//   email: Resend when RESEND_API_KEY + RESEND_FROM are set, else the dev outbox.
// A half-configured provider (some of its variables set, not all) is an error, not a silent
// fallback: a deployment that meant to send must never quietly capture instead.
import { createDevOutbox, type DevOutbox } from './dev-outbox.ts';
import type { Fetch } from './http-call.ts';
import { createResendSender } from './resend.ts';
import { createTwilioSender } from './twilio.ts';
import type { EmailSender, SmsSender } from './types.ts';

export interface Senders {
  sms: SmsSender;
  email: EmailSender;
  providers: { sms: 'twilio' | 'dev_outbox'; email: 'resend' | 'dev_outbox' };
  /** The dev outbox both channels share when they fall back to it (null when none does). */
  devOutbox: DevOutbox | null;
  /** One line for the startup log, e.g. "messaging: sms via twilio, email via dev outbox (NOT SENT)". */
  summary: string;
}

export interface SendersOptions {
  fetch?: Fetch;
  /** Receives the summary line once; default console.log. Pass () => {} to stay silent. */
  log?: (line: string) => void;
  /** Passed to the dev outbox. */
  outboxLog?: (text: string) => void;
  timeoutMs?: number;
}

type Env = Record<string, string | undefined>;

/** A provider is half-configured. Thrown at startup, so the function does not boot (BOOT_ERROR + this message in the log). */
export class MessagingConfigError extends Error {
  override name = 'MessagingConfigError';
}

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function missingOf(env: Env, groups: string[][]): string[] {
  // each group: any one of its names is enough
  return groups.filter((group) => !group.some((name) => value(env, name))).map((group) => group.join(' or '));
}

/** The public URL of twilio-webhook for StatusCallback: TWILIO_WEBHOOK_URL, else derived from SUPABASE_URL. */
export function twilioStatusCallbackUrl(env: Env): string | undefined {
  const explicit = value(env, 'TWILIO_WEBHOOK_URL');
  if (explicit) return explicit;
  const base = value(env, 'SUPABASE_URL');
  return base ? `${base.replace(/\/+$/, '')}/functions/v1/twilio-webhook` : undefined;
}

/** Pass the function's environment: `sendersFromEnv(Deno.env.toObject())`. */
export function sendersFromEnv(env: Env, options: SendersOptions = {}): Senders {
  const log = options.log ?? console.log;
  let devOutbox: DevOutbox | null = null;
  const outbox = () => (devOutbox ??= createDevOutbox({ log: options.outboxLog }));

  const twilioNames = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET', 'TWILIO_FROM', 'TWILIO_MESSAGING_SERVICE_SID'];
  const resendNames = ['RESEND_API_KEY', 'RESEND_FROM'];
  const problems: string[] = [];

  let sms: SmsSender;
  let smsProvider: Senders['providers']['sms'] = 'dev_outbox';
  if (twilioNames.some((name) => value(env, name))) {
    const apiKeyPair = value(env, 'TWILIO_API_KEY_SID') && value(env, 'TWILIO_API_KEY_SECRET');
    const missing = missingOf(env, [
      ['TWILIO_ACCOUNT_SID'],
      apiKeyPair ? [] : ['TWILIO_AUTH_TOKEN'],
      ['TWILIO_FROM', 'TWILIO_MESSAGING_SERVICE_SID'],
    ].filter((group) => group.length > 0));
    if (missing.length > 0) problems.push(`Twilio is partly configured: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
    sms = outbox();
    if (missing.length === 0) {
      sms = createTwilioSender({
        accountSid: value(env, 'TWILIO_ACCOUNT_SID') as string,
        authToken: apiKeyPair ? undefined : value(env, 'TWILIO_AUTH_TOKEN'),
        apiKey: apiKeyPair ? { sid: value(env, 'TWILIO_API_KEY_SID') as string, secret: value(env, 'TWILIO_API_KEY_SECRET') as string } : undefined,
        from: value(env, 'TWILIO_MESSAGING_SERVICE_SID') ? undefined : value(env, 'TWILIO_FROM'),
        messagingServiceSid: value(env, 'TWILIO_MESSAGING_SERVICE_SID'),
        apiBase: value(env, 'TWILIO_API_BASE'),
        statusCallbackUrl: twilioStatusCallbackUrl(env),
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      });
      smsProvider = 'twilio';
    }
  } else {
    sms = outbox();
  }

  let email: EmailSender;
  let emailProvider: Senders['providers']['email'] = 'dev_outbox';
  if (resendNames.some((name) => value(env, name))) {
    const missing = missingOf(env, resendNames.map((name) => [name]));
    if (missing.length > 0) problems.push(`Resend is partly configured: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
    email = outbox();
    if (missing.length === 0) {
      email = createResendSender({
        apiKey: value(env, 'RESEND_API_KEY') as string,
        from: value(env, 'RESEND_FROM') as string,
        apiBase: value(env, 'RESEND_API_BASE'),
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      });
      emailProvider = 'resend';
    }
  } else {
    email = outbox();
  }

  if (problems.length > 0) {
    throw new MessagingConfigError(`environment: ${problems.join('; ')}. Set all of them, or none to use the dev outbox (messages captured in the log, NOT sent).`);
  }
  const label = (provider: string) => (provider === 'dev_outbox' ? 'the dev outbox (NOT SENT: printed to this log)' : provider);
  const summary = `messaging: sms via ${label(smsProvider)}, email via ${label(emailProvider)}`;
  log(summary);
  return { sms, email, providers: { sms: smsProvider, email: emailProvider }, devOutbox, summary };
}
