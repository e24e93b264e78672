// The SQL API dispatch-notifications uses, as service_role (public.claim_notifications,
// public.record_notification_result; see docs/notifications.md).
import { asServiceRole, type Sql } from '../_shared/db.ts';
import type { ClaimedNotification, NotificationResult } from './handler.ts';

export function claimNotifications(sql: Sql) {
  return (maxCount: number, leaseSeconds: number, whatsapp: boolean): Promise<ClaimedNotification[]> =>
    asServiceRole(sql, async (tx) => {
      const rows = await tx`
        select id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key, parked_reason, content_sid, content_variables
        from public.claim_notifications(${maxCount}::integer, ${`${leaseSeconds} seconds`}::interval, ${whatsapp}::boolean)`;
      return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }) as ClaimedNotification);
    });
}

export function recordNotificationResult(sql: Sql) {
  return (result: NotificationResult): Promise<void> =>
    asServiceRole(sql, async (tx) => {
      await tx`
        select public.record_notification_result(
          ${result.id}::uuid, ${result.outcome}::text, ${result.provider}::text, ${result.providerMessageId}::text, ${result.error}::text)`;
    });
}
