// The real database dependencies of create-payment: public.open_payment as the caller and
// public.attach_stripe_payment as service_role (docs/payments.md, Database).
import { asCaller, asServiceRole, type Claims, type ClientRequest, type Sql } from '../_shared/db.ts';
import type { Metadata } from '../_shared/stripe.ts';
import type { CreatePaymentDependencies, OpenedPayment, PaymentFlow, StripeIds } from './handler.ts';

/** A row of public.open_payment, tolerant of `id` vs `payment_id` and of numeric-as-text. */
export function openedPaymentOf(row: Record<string, unknown>): OpenedPayment {
  const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata ?? {}) as Record<string, unknown>;
  const id = String(row.id ?? row.payment_id);
  const stringMetadata: Metadata = {};
  for (const [key, value] of Object.entries(metadata)) if (value !== null && value !== undefined) stringMetadata[key] = String(value);
  stringMetadata.payment_id ??= id;
  return {
    id,
    flow: row.flow as PaymentFlow,
    amount: Number(row.amount),
    amount_minor: Number(row.amount_minor),
    currency: String(row.currency),
    idempotency_key: String(row.idempotency_key),
    stripe_account_id: (row.stripe_account_id as string | null) ?? null,
    stripe_payment_intent_id: (row.stripe_payment_intent_id as string | null) ?? null,
    stripe_checkout_session_id: (row.stripe_checkout_session_id as string | null) ?? null,
    checkout_url: (row.checkout_url as string | null) ?? null,
    created_at: new Date(row.created_at as string | Date),
    description: String(row.description ?? ''),
    patient_email: (row.patient_email as string | null) ?? null,
    hold_expires_at: new Date(row.hold_expires_at as string | Date),
    metadata: stringMetadata,
  };
}

export function createPaymentDatabase(sql: Sql): Pick<CreatePaymentDependencies, 'openPayment' | 'attachStripePayment'> {
  return {
    openPayment: (claims: Claims, appointmentId: string, flow: PaymentFlow, client?: ClientRequest) =>
      asCaller(sql, claims, async (tx) => {
        const rows = await tx<Record<string, unknown>[]>`select * from public.open_payment(${appointmentId}::uuid, ${flow}::public.payment_flow)`;
        if (!rows[0]) throw new Error('open_payment returned no row');
        return openedPaymentOf(rows[0]);
      }, client),
    attachStripePayment: (paymentId: string, ids: StripeIds) =>
      asServiceRole(sql, async (tx) => {
        // positional: (payment_id, payment_intent_id, checkout_session_id, checkout_url)
        await tx`select public.attach_stripe_payment(${paymentId}::uuid, ${ids.paymentIntentId}::text, ${ids.checkoutSessionId}::text, ${ids.checkoutUrl}::text)`;
      }),
  };
}
