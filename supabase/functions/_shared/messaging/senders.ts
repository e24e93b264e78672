// Which provider sends each channel, decided once at startup from the environment:
//   SMS:      Twilio when TWILIO_ACCOUNT_SID + (TWILIO_AUTH_TOKEN | TWILIO_API_KEY_SID + TWILIO_API_KEY_SECRET)
//             + (TWILIO_FROM | TWILIO_MESSAGING_SERVICE_SID) are set, else the dev outbox;
//   WhatsApp: Twilio's WhatsApp sender when Twilio's credentials and TWILIO_WHATSAPP_FROM (or
//             TWILIO_WHATSAPP_MESSAGING_SERVICE_SID) are set; none (messages go by SMS) when
//             Twilio is set without a WhatsApp sender; the dev outbox when Twilio is not set;
//   email:    Resend when RESEND_API_KEY + RESEND_FROM are set, else the dev outbox.
// TWILIO_WHATSAPP_OTP_CONTENT_SID names the approved authentication template for WhatsApp codes.
// A half-configured provider (some of its variables set, not all) is an error, not a silent
// fallback: a deployment that meant to send must never quietly capture instead.
import { createDevOutbox, type DevOutbox } from './dev-outbox.ts';
import type { Fetch } from './http-call.ts';
import { createResendSender } from './resend.ts';
import { createTwilioSender, createTwilioWhatsAppSender } from './twilio.ts';
import type { EmailSender, SmsSender, WhatsAppSender } from './types.ts';

export interface Senders {
  sms: SmsSender;
  email: EmailSender;
  /** Null when WhatsApp is not possible here (Twilio without a WhatsApp sender): messages go by SMS. */
  whatsapp: WhatsAppSender | null;
  /** The approved WhatsApp authentication template for codes (whatsapp/authentication), per language; `*` for any. */
  whatsappOtpContentSids: Record<string, string>;
  providers: { sms: 'twilio' | 'dev_outbox'; email: 'resend' | 'dev_outbox'; whatsapp: 'twilio' | 'dev_outbox' | 'none' };
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

  const twilioNames = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET', 'TWILIO_FROM', 'TWILIO_MESSAGING_SERVICE_SID',
    'TWILIO_WHATSAPP_FROM', 'TWILIO_WHATSAPP_MESSAGING_SERVICE_SID'];
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

  let whatsapp: WhatsAppSender | null = null;
  let whatsappProvider: Senders['providers']['whatsapp'] = 'dev_outbox';
  const whatsappFrom = value(env, 'TWILIO_WHATSAPP_FROM');
  const whatsappService = value(env, 'TWILIO_WHATSAPP_MESSAGING_SERVICE_SID');
  if (smsProvider === 'twilio' && (whatsappFrom || whatsappService)) {
    const apiKeyPair = value(env, 'TWILIO_API_KEY_SID') && value(env, 'TWILIO_API_KEY_SECRET');
    if (whatsappFrom && !/^\+[1-9][0-9]{6,14}$/.test(whatsappFrom.replace(/^whatsapp:/, ''))) {
      problems.push('TWILIO_WHATSAPP_FROM must be the WhatsApp sender\'s number in E.164, e.g. +14155238886');
    } else {
      whatsapp = createTwilioWhatsAppSender({
        accountSid: value(env, 'TWILIO_ACCOUNT_SID') as string,
        authToken: apiKeyPair ? undefined : value(env, 'TWILIO_AUTH_TOKEN'),
        apiKey: apiKeyPair ? { sid: value(env, 'TWILIO_API_KEY_SID') as string, secret: value(env, 'TWILIO_API_KEY_SECRET') as string } : undefined,
        from: whatsappService ? undefined : whatsappFrom?.replace(/^whatsapp:/, ''),
        messagingServiceSid: whatsappService,
        apiBase: value(env, 'TWILIO_API_BASE'),
        statusCallbackUrl: twilioStatusCallbackUrl(env),
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      });
      whatsappProvider = 'twilio';
    }
  } else if (smsProvider === 'twilio') {
    whatsappProvider = 'none';
  } else {
    whatsapp = outbox();
  }
  const whatsappOtpContentSids: Record<string, string> = {};
  for (const entry of (value(env, 'TWILIO_WHATSAPP_OTP_CONTENT_SID') ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [language, sid] = entry.includes('=') ? entry.split('=', 2).map((part) => part.trim()) : ['*', entry];
    if (!/^HX[0-9a-f]{32}$/.test(sid ?? '') || !/^(\*|[a-z]{2,3})$/.test(language ?? '')) {
      problems.push('TWILIO_WHATSAPP_OTP_CONTENT_SID must be HX… (an approved authentication template) or a list like en=HX…,es=HX…');
      break;
    }
    whatsappOtpContentSids[language as string] = sid as string;
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
  const whatsappLabel = whatsappProvider === 'none' ? 'none (no TWILIO_WHATSAPP_FROM: messages go by sms)' : label(whatsappProvider);
  const summary = `messaging: sms via ${label(smsProvider)}, whatsapp via ${whatsappLabel}, email via ${label(emailProvider)}`;
  log(summary);
  return {
    sms, email, whatsapp, whatsappOtpContentSids,
    providers: { sms: smsProvider, email: emailProvider, whatsapp: whatsappProvider }, devOutbox, summary,
  };
}
