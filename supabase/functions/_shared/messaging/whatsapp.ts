// What a Twilio WhatsApp refusal means for the outbox, written once. Twilio reports WhatsApp
// failures with its own codes (docs: twilio.com/docs/whatsapp/api/error-code-mapping,
// twilio.com/docs/api/errors/<code>), at send time or, usually, in the status callback:
//   63003  Channel could not find To address: the number is not a WhatsApp user (or inactive);
//   63024  Invalid message recipient: WhatsApp refuses this recipient;
//   63016  Outside the 24-hour window: free text (or a template sent as Body) after the window
//          closed; our messages always use ContentSid, so this means the template was not usable.
// Each means "this patient cannot get this WhatsApp message": send the SMS instead. Other codes
// (63007 unknown sender, 63018 rate limit, ...) are our configuration or temporary problems and
// follow the usual retry and parking rules.

export const whatsappRecipientRefusalCodes: ReadonlySet<string> = new Set(['63003', '63024', '63016']);

/** True when a Twilio error code says the recipient cannot get the message on WhatsApp. */
export function isWhatsAppRecipientRefusal(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && whatsappRecipientRefusalCodes.has(code);
}

/** `whatsapp:+447700900123` from `+447700900123`. */
export function whatsappAddress(e164: string): string {
  return e164.startsWith('whatsapp:') ? e164 : `whatsapp:${e164}`;
}

/** `+447700900123` from `whatsapp:+447700900123`; null when it is not a WhatsApp address. */
export function phoneOfWhatsappAddress(address: string | null | undefined): string | null {
  const match = /^whatsapp:(\+[1-9][0-9]{6,14})$/.exec(address ?? '');
  return match ? (match[1] as string) : null;
}
