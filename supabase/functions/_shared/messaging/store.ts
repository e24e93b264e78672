// The service-role SQL API the messaging webhooks use (public.record_delivery_status,
// public.record_opt_out, public.record_opt_in, public.fall_back_to_sms; see docs/notifications.md), as injectable functions.
import { asServiceRole, type Sql } from '../db.ts';
import type { DeliveryStore } from './delivery.ts';

export function createDeliveryStore(sql: Sql): DeliveryStore {
  return {
    recordDeliveryStatus: (provider, providerMessageId, status, error) =>
      asServiceRole(sql, async (tx) => {
        const [row] = await tx`select public.record_delivery_status(${provider}::text, ${providerMessageId}::text, ${status}::text, ${error}::text) as found`;
        return row?.found === true;
      }),
    recordOptOut: (channel, address, source, event) =>
      asServiceRole(sql, async (tx) => {
        await tx`select public.record_opt_out(${channel}::public.contact_channel, ${address}::text, ${source}::text,
                                              ${event.id}::text, ${event.occurredAt?.toISOString() ?? null}::timestamptz)`;
      }),
    fallBackToSms: (provider, providerMessageId, reason) =>
      asServiceRole(sql, async (tx) => {
        const [row] = await tx`select public.fall_back_to_sms(${provider}::text, ${providerMessageId}::text, ${reason}::text) as id`;
        return row?.id !== null && row?.id !== undefined;
      }),
    recordOptIn: (channel, address, event) =>
      asServiceRole(sql, async (tx) => {
        await tx`select public.record_opt_in(${channel}::public.contact_channel, ${address}::text,
                                             ${event.id}::text, ${event.occurredAt?.toISOString() ?? null}::timestamptz)`;
      }),
  };
}
