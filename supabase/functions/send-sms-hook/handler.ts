// POST /functions/v1/send-sms-hook: Supabase Auth's Send SMS hook. Auth calls it instead of its
// own SMS provider whenever a phone OTP goes out (sign-in, sign-up, phone change, reauthentication)
// with `{ user, sms: { otp, phone?, sms_type? } }`, signed with Standard Webhooks
// [docs: auth/auth-hooks/send-sms-hook]. We word the code in the patient's clinic and language
// and send it through the SmsSender (Twilio, or the dev outbox without keys), or by WhatsApp when
// the user asked for it (otpChannelOf). A call replayed with a webhook-id handled before is
// answered without sending again (replayedCallResponse); a number (or a sign-in address) that
// asked for too many codes gets none (limitedCodeResponse).
// verify_jwt = false: Auth sends no JWT; the signature (SEND_SMS_HOOK_SECRET) authenticates it.
//
// WhatsApp codes. signInWithOtp({ phone, options: { channel: 'whatsapp' } }) reaches this hook,
// but Auth does not pass the channel on: with the Send SMS hook enabled GoTrue accepts any channel
// and calls the hook with { user, sms: { otp, phone, sms_type } } only (supabase/auth
// internal/hooks/v0hooks SMS; internal/api/phone.go sendPhoneConfirmation passes the channel to its
// own providers, not to the hook). The channel the user asked for therefore travels in the user's
// metadata, which Auth does send: user_metadata.otp_channel ('whatsapp' or 'sms'; the app sets it
// with options.data at sign-up, or updateUser({ data }) once signed in), else the linked patient
// record's preferred_channel. WhatsApp needs an approved authentication template
// (TWILIO_WHATSAPP_OTP_CONTENT_SID, the code as its one variable); without it, without a WhatsApp
// sender, or when Twilio refuses the number for WhatsApp, the code goes by SMS.
import {
  type HookCallLedger, hookError, type HookLanguage, hookSuccess, languageOf, limitedCodeResponse, type OtpRateLimit, readSignedHook,
  type RecipientContextLookup, replayedCallResponse, sendFailureResponse,
} from '../_shared/auth-hooks.ts';
import { ProviderError, type SmsSender, type WhatsAppSender } from '../_shared/messaging/types.ts';
import { isWhatsAppRecipientRefusal } from '../_shared/messaging/whatsapp.ts';
import type { WebhookVerifier } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';

export interface SendSmsHookDependencies {
  verifier: WebhookVerifier;
  smsSender: SmsSender;
  /** Null when WhatsApp is not possible here. */
  whatsappSender?: WhatsAppSender | null;
  /** Approved whatsapp/authentication templates by language (`*` for any): TWILIO_WHATSAPP_OTP_CONTENT_SID. */
  whatsappOtpContentSids?: Record<string, string>;
  lookupRecipient: RecipientContextLookup;
  /** public.record_auth_hook_call (createHookCallLedger). */
  recordCall: HookCallLedger;
  /** public.record_otp_request (createOtpRateLimit): codes per number and per sign-in address. */
  limitCodes: OtpRateLimit;
  log?: (line: string) => void;
}

const metadataSchema = z.record(z.string(), z.unknown()).nullish();

/** The fields we use; Auth sends the whole user object (GoTrue models.User) and may add more. */
const payloadSchema = z.looseObject({
  // metadata.ip_address: the client address of the sign-in, as Auth saw it
  metadata: z.looseObject({ ip_address: z.string().nullish() }).nullish(),
  user: z.looseObject({
    id: z.string().nullish(),
    phone: z.string().nullish(),
    user_metadata: metadataSchema,
  }),
  sms: z.looseObject({
    otp: z.string().regex(/^[0-9]{4,10}$/),
    // Set for a phone change: the new number, which the code must reach.
    phone: z.string().nullish(),
    sms_type: z.string().nullish(),
  }),
});

/** `+447700900001` from GoTrue's `447700900001`, `+44 7700 900001` etc.; null when not a phone number. */
export function e164(phone: string | null | undefined): string | null {
  const compact = (phone ?? '').replace(/[\s().-]/g, '');
  const match = /^\+?([1-9][0-9]{6,14})$/.exec(compact);
  return match ? `+${match[1]}` : null;
}

/** The SMS text. Short and code-first, so it fits one segment and lock screens show the code. */
export function smsText(language: HookLanguage, brand: string, otp: string): string {
  return language === 'es' ? `Tu código de ${brand} es ${otp}` : `Your ${brand} code is ${otp}`;
}

/** The channel the user asked for: user_metadata.otp_channel, else the patient's preferred channel; sms by default. */
export function otpChannelOf(metadata: Record<string, unknown> | null | undefined, patientChannel: string | null | undefined): 'sms' | 'whatsapp' {
  const asked = typeof metadata?.otp_channel === 'string' ? metadata.otp_channel.trim().toLowerCase() : null;
  if (asked === 'whatsapp' || asked === 'sms') return asked;
  return patientChannel === 'whatsapp' ? 'whatsapp' : 'sms';
}

function metadataString(metadata: Record<string, unknown> | null | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metadata?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

export function createSendSmsHookHandler(
  { verifier, smsSender, whatsappSender = null, whatsappOtpContentSids = {}, lookupRecipient, recordCall, limitCodes, log = console.error }: SendSmsHookDependencies,
) {
  return async (request: Request): Promise<Response> => {
    const read = await readSignedHook(request, verifier, log, 'send-sms-hook');
    if ('response' in read) return read.response;
    const parsed = payloadSchema.safeParse(read.payload);
    if (!parsed.success) {
      log(`send-sms-hook: unexpected payload: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
      return hookError(400, 'The hook payload is not a Send SMS event.');
    }
    const { user, sms, metadata: hookMetadata } = parsed.data;
    const to = e164(sms.phone) ?? e164(user.phone);
    if (!to) {
      return hookError(400, 'This account has no valid phone number to send the code to.', { relay: true });
    }
    const metadata = user.user_metadata ?? null;
    // Side by side: the lookup never rejects, and is not used for a replay.
    const recipient = lookupRecipient({ userId: user.id ?? null, tenantSlug: metadataString(metadata, 'tenant_slug') });
    const replay = await replayedCallResponse(recordCall, 'send_sms', read.webhookId, log, 'send-sms-hook');
    if (replay) return replay;
    const limited = await limitedCodeResponse(limitCodes, 'sms', to, hookMetadata?.ip_address ?? null, log, 'send-sms-hook');
    if (limited) return limited;
    const context = await recipient;
    const language = languageOf(context?.patientLanguage, metadataString(metadata, 'locale', 'language'), context?.tenantLocale);
    const text = smsText(language, context?.tenantName ?? 'Slotbase', sms.otp);
    const contentSid = whatsappOtpContentSids[language] ?? whatsappOtpContentSids['*'];
    if (otpChannelOf(metadata, context?.patientChannel) === 'whatsapp') {
      if (whatsappSender && contentSid) {
        try {
          const result = await whatsappSender.sendWhatsApp({ to, contentSid, contentVariables: { '1': sms.otp }, preview: text });
          log(`send-sms-hook: ${result.captured ? 'captured (dev outbox, NOT sent)' : 'sent'} via ${result.provider} whatsapp to …${to.slice(-4)} (${language})`);
          return hookSuccess();
        } catch (error) {
          if (!(error instanceof ProviderError && isWhatsAppRecipientRefusal(error.providerCode))) {
            return sendFailureResponse(error, 'SMS', 'send-sms-hook', log);
          }
          log(`send-sms-hook: whatsapp refused …${to.slice(-4)} (${error.providerCode}): sending by sms`);
        }
      } else {
        log(`send-sms-hook: whatsapp asked for but ${whatsappSender ? 'no authentication template (TWILIO_WHATSAPP_OTP_CONTENT_SID)' : 'no WhatsApp sender'}: sending by sms`);
      }
    }
    try {
      const result = await smsSender.sendSms({ to, body: text });
      // Never the code or the number in full: the log is readable by more people than the SMS.
      log(`send-sms-hook: ${result.captured ? 'captured (dev outbox, NOT sent)' : 'sent'} via ${result.provider} to …${to.slice(-4)} (${language})`);
      return hookSuccess();
    } catch (error) {
      return sendFailureResponse(error, 'SMS', 'send-sms-hook', log);
    }
  };
}
