// POST /functions/v1/send-email-hook: Supabase Auth's Send Email hook. Auth calls it instead of
// its own mailer for every Auth e-mail, with `{ user, email_data: { token, token_hash,
// redirect_to, email_action_type, site_url, token_new, token_hash_new, … } }`, signed with
// Standard Webhooks [docs: auth/auth-hooks/send-email-hook]. We write the e-mail in the
// recipient's clinic and language, with the code and the verify link
// `${SUPABASE_URL}/auth/v1/verify?token=<token_hash>&type=<email_action_type>&redirect_to=<redirect_to>`
// (the {{ .ConfirmationURL }} of Auth's own templates [docs: auth/auth-email-templates]), and send
// it through the EmailSender (Resend, or the dev outbox without keys). A call replayed with a
// webhook-id handled before is answered without sending again (replayedCallResponse).
// verify_jwt = false: Auth sends no JWT; the signature (SEND_EMAIL_HOOK_SECRET) authenticates it.
import {
  type HookCallLedger, hookError, type HookLanguage, hookSuccess, languageOf, limitedCodeResponse, type OtpRateLimit, readSignedHook,
  type RecipientContextLookup, replayedCallResponse, sendFailureResponse,
} from '../_shared/auth-hooks.ts';
import { sha256Hex } from '../_shared/crypto.ts';
import type { EmailMessage, EmailSender } from '../_shared/messaging/types.ts';
import type { WebhookVerifier } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';
import { type EmailContent, type EmailKind, renderEmail } from './messages.ts';

export interface SendEmailHookDependencies {
  verifier: WebhookVerifier;
  emailSender: EmailSender;
  lookupRecipient: RecipientContextLookup;
  /** public.record_auth_hook_call (createHookCallLedger). */
  recordCall: HookCallLedger;
  /** public.record_otp_request (createOtpRateLimit): codes per address and per sign-in address. */
  limitCodes: OtpRateLimit;
  /** The project URL (SUPABASE_URL); Auth is at `<url>/auth/v1`. */
  supabaseUrl: string;
  log?: (line: string) => void;
}

const text = z.string().nullish().transform((value) => value ?? '');

/** The fields we use; Auth sends the whole user object (GoTrue models.User) and may add more. */
const payloadSchema = z.looseObject({
  // Auth creates metadata.uuid once per hook call and keeps it across its retries.
  metadata: z.looseObject({ uuid: z.string().nullish(), ip_address: z.string().nullish() }).nullish(),
  user: z.looseObject({
    id: z.string().nullish(),
    email: text,
    new_email: text,
    user_metadata: z.record(z.string(), z.unknown()).nullish(),
  }),
  email_data: z.looseObject({
    token: text,
    token_hash: text,
    redirect_to: text,
    email_action_type: z.string().min(1),
    site_url: text,
    token_new: text,
    token_hash_new: text,
    old_email: text,
  }),
});

type Payload = z.infer<typeof payloadSchema>;

/** One e-mail to send, before wording. */
interface Delivery {
  to: string;
  kind: EmailKind;
  code: string | null;
  tokenHash: string | null;
}

/** The verify link of Auth's templates ({{ .ConfirmationURL }}), or null without a token hash. */
export function verifyLink(supabaseUrl: string, tokenHash: string | null, type: string, redirectTo: string): string | null {
  if (!tokenHash) return null;
  const params = new URLSearchParams({ token: tokenHash, type });
  if (redirectTo) params.set('redirect_to', redirectTo);
  return `${supabaseUrl.replace(/\/+$/, '')}/auth/v1/verify?${params.toString()}`;
}

const kindOfAction: Record<string, EmailKind> = {
  signup: 'signup',
  invite: 'invite',
  magiclink: 'magiclink',
  email: 'magiclink',
  recovery: 'recovery',
  reauthentication: 'reauthentication',
};

/**
 * Which e-mails an event asks for. email_change with both hashes (secure e-mail change, our
 * `double_confirm_changes = true`): two e-mails — the current address gets `token` with
 * `token_hash_new`, the new address `token_new` with `token_hash` (Auth's historical naming, see
 * the Send Email hook docs). With one pair: one e-mail to the new address.
 */
export function deliveriesOf({ user, email_data: data }: Payload): Delivery[] {
  const action = data.email_action_type;
  const orNull = (value: string) => (value === '' ? null : value);
  if (action === 'email_change') {
    if (data.token_hash && data.token_hash_new && user.email && user.new_email) {
      return [
        { to: user.email, kind: 'email_change_current', code: orNull(data.token), tokenHash: data.token_hash_new },
        { to: user.new_email, kind: 'email_change_new', code: orNull(data.token_new), tokenHash: data.token_hash },
      ];
    }
    return [{
      to: user.new_email || user.email,
      kind: 'email_change_new',
      code: orNull(data.token) ?? orNull(data.token_new),
      tokenHash: orNull(data.token_hash) ?? orNull(data.token_hash_new),
    }];
  }
  if (action.endsWith('_notification')) return [{ to: user.email, kind: 'notification', code: null, tokenHash: null }];
  const kind = kindOfAction[action] ?? 'code';
  return [{
    to: user.email,
    kind,
    code: orNull(data.token),
    // A reauthentication code has no link: it is typed into the app that asked for it.
    tokenHash: kind === 'reauthentication' ? null : orNull(data.token_hash),
  }];
}

function metadataString(metadata: Record<string, unknown> | null | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metadata?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export function createSendEmailHookHandler({ verifier, emailSender, lookupRecipient, recordCall, limitCodes, supabaseUrl, log = console.error }: SendEmailHookDependencies) {
  return async (request: Request): Promise<Response> => {
    const read = await readSignedHook(request, verifier, log, 'send-email-hook');
    if ('response' in read) return read.response;
    const parsed = payloadSchema.safeParse(read.payload);
    if (!parsed.success) {
      log(`send-email-hook: unexpected payload: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
      return hookError(400, 'The hook payload is not a Send Email event.');
    }
    const payload = parsed.data;
    const deliveries = deliveriesOf(payload);
    if (deliveries.some((delivery) => !emailPattern.test(delivery.to))) {
      return hookError(400, 'This account has no valid e-mail address to send the message to.', { relay: true });
    }
    const metadata = payload.user.user_metadata ?? null;
    // Side by side: the lookup never rejects, and is not used for a replay.
    const recipient = lookupRecipient({ userId: payload.user.id ?? null, tenantSlug: metadataString(metadata, 'tenant_slug') });
    const replay = await replayedCallResponse(recordCall, 'send_email', read.webhookId, log, 'send-email-hook');
    if (replay) return replay;
    // codes are limited per address; security notices (no code) always go out
    for (const delivery of deliveries.filter((d) => d.code)) {
      const limited = await limitedCodeResponse(limitCodes, 'email', delivery.to, payload.metadata?.ip_address ?? null, log, 'send-email-hook');
      if (limited) return limited;
    }
    const context = await recipient;
    const language: HookLanguage = languageOf(context?.patientLanguage, metadataString(metadata, 'locale', 'language'), context?.tenantLocale);
    const action = payload.email_data.email_action_type;
    try {
      for (const delivery of deliveries) {
        const content: EmailContent = {
          kind: delivery.kind,
          brand: context?.tenantName ?? 'Slotbase',
          code: delivery.code,
          link: verifyLink(supabaseUrl, delivery.tokenHash, action, payload.email_data.redirect_to),
          oldEmail: payload.user.email || null,
          newEmail: payload.user.new_email || null,
          notification: action,
        };
        // Auth retries a 503 with the same event: the provider drops the repeat (Resend keeps
        // idempotency keys for 24 h). Hashed: the token hash itself is a credential.
        const event = payload.metadata?.uuid || delivery.tokenHash || delivery.code;
        const message: EmailMessage = { to: delivery.to, ...renderEmail(language, content) };
        if (event) message.idempotencyKey = `auth-email-${await sha256Hex(`${action}:${delivery.kind}:${delivery.to}:${event}`)}`;
        const result = await emailSender.sendEmail(message);
        log(`send-email-hook: ${action} ${result.captured ? 'captured (dev outbox, NOT sent)' : 'sent'} via ${result.provider} (${delivery.kind}, ${language})`);
      }
      return hookSuccess();
    } catch (error) {
      return sendFailureResponse(error, 'e-mail', 'send-email-hook', log);
    }
  };
}
