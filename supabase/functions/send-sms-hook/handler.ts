// POST /functions/v1/send-sms-hook: Supabase Auth's Send SMS hook. Auth calls it instead of its
// own SMS provider whenever a phone OTP goes out (sign-in, sign-up, phone change, reauthentication)
// with `{ user, sms: { otp, phone?, sms_type? } }`, signed with Standard Webhooks
// [docs: auth/auth-hooks/send-sms-hook]. We word the code in the patient's clinic and language
// and send it through the SmsSender (Twilio, or the dev outbox without keys). A call replayed
// with a webhook-id handled before is answered without sending again (replayedCallResponse); a
// number (or a sign-in address) that asked for too many codes gets none (limitedCodeResponse).
// verify_jwt = false: Auth sends no JWT; the signature (SEND_SMS_HOOK_SECRET) authenticates it.
import {
  type HookCallLedger, hookError, type HookLanguage, hookSuccess, languageOf, limitedCodeResponse, type OtpRateLimit, readSignedHook,
  type RecipientContextLookup, replayedCallResponse, sendFailureResponse,
} from '../_shared/auth-hooks.ts';
import type { SmsSender } from '../_shared/messaging/types.ts';
import type { WebhookVerifier } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';

export interface SendSmsHookDependencies {
  verifier: WebhookVerifier;
  smsSender: SmsSender;
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

function metadataString(metadata: Record<string, unknown> | null | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metadata?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

export function createSendSmsHookHandler({ verifier, smsSender, lookupRecipient, recordCall, limitCodes, log = console.error }: SendSmsHookDependencies) {
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
    try {
      const result = await smsSender.sendSms({ to, body: smsText(language, context?.tenantName ?? 'Slotbase', sms.otp) });
      // Never the code or the number in full: the log is readable by more people than the SMS.
      log(`send-sms-hook: ${result.captured ? 'captured (dev outbox, NOT sent)' : 'sent'} via ${result.provider} to …${to.slice(-4)} (${language})`);
      return hookSuccess();
    } catch (error) {
      return sendFailureResponse(error, 'SMS', 'send-sms-hook', log);
    }
  };
}
