// What the messaging webhooks need from the database (implemented in store.ts over the
// service-role SQL API; injected as fakes in tests). Types only, no runtime imports.

export type DeliveryStatus = 'delivered' | 'undelivered';
export type OptOutSource = 'sms_stop' | 'whatsapp_stop' | 'email_unsubscribe' | 'email_complaint' | 'staff';
export type OptChannel = 'sms' | 'email' | 'whatsapp';

/**
 * Which provider event an opt-out or opt-in is: its id (a replay of the same id changes nothing)
 * and, when the provider says, when it happened (an event older than the latest one of the
 * address changes nothing). Null values: no id / now.
 */
export interface OptEvent {
  id: string | null;
  occurredAt: Date | null;
}

export interface DeliveryStore {
  /** public.record_delivery_status: true when a notification with this provider message id exists. */
  recordDeliveryStatus: (provider: string, providerMessageId: string, status: DeliveryStatus, error: string | null) => Promise<boolean>;
  /** public.record_opt_out (platform-wide, per channel and address). */
  recordOptOut: (channel: OptChannel, address: string, source: OptOutSource, event: OptEvent) => Promise<void>;
  /** public.record_opt_in. */
  recordOptIn: (channel: OptChannel, address: string, event: OptEvent) => Promise<void>;
  /**
   * public.fall_back_to_sms: a WhatsApp message the delivery report says the recipient cannot get
   * is sent again by SMS (once); true when an SMS copy exists for it.
   */
  fallBackToSms: (provider: string, providerMessageId: string, reason: string) => Promise<boolean>;
}
