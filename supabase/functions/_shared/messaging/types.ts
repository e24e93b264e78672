// The boundary between Slotbase and message providers. Functions depend on these interfaces;
// the adapters (twilio.ts, resend.ts, dev-outbox.ts in this folder) implement them, and tests
// inject fakes or point the adapters at local fake HTTP servers.

export interface SmsMessage {
  /** E.164 with '+'. */
  to: string;
  body: string;
  /** Where the provider posts delivery status (Twilio StatusCallback); omitted when unknown. */
  statusCallbackUrl?: string;
}

/**
 * A business-initiated WhatsApp message: an approved Twilio Content template (ContentSid) and its
 * numbered variables (ContentVariables). WhatsApp refuses free text outside the 24-hour window.
 */
export interface WhatsAppMessage {
  /** E.164 with '+' (the adapter adds the whatsapp: prefix). */
  to: string;
  contentSid: string;
  /** {"1": "Ana", "2": "Tue 3 Mar 2026, 09:30 (Europe/London)"}; every value non-empty. */
  contentVariables: Record<string, string>;
  /** The text the template says, for the dev outbox only (never sent). */
  preview?: string;
  statusCallbackUrl?: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Sent as a header / tag so delivery callbacks can be matched; optional. */
  idempotencyKey?: string;
}

/** What a provider accepted: its id for the message, and which provider took it. */
export interface SendResult {
  /** 'twilio' | 'resend' | 'dev_outbox' */
  provider: string;
  providerMessageId: string;
  /** True when the message was only captured locally (dev outbox): NOT sent to anyone. */
  captured: boolean;
}

/** A provider refused or failed. retryable: worth trying again later (timeouts, 429, 5xx). */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly providerCode: string | null = null,
  ) {
    super(message);
  }
}

export interface SmsSender {
  sendSms(message: SmsMessage): Promise<SendResult>;
}

export interface WhatsAppSender {
  sendWhatsApp(message: WhatsAppMessage): Promise<SendResult>;
}

export interface EmailSender {
  sendEmail(message: EmailMessage): Promise<SendResult>;
}
