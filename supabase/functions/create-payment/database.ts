// The real database dependencies of create-payment: public.open_payment as the caller and
// public.attach_stripe_payment / attach_razorpay_payment as service_role (docs/payments.md, Database).
import { asCaller, asServiceRole, type Claims, type ClientRequest, type Sql } from '../_shared/db.ts';
import type { Metadata, PaymentProvider } from '../_shared/refunds.ts';
import { type CreatePaymentDependencies, type OpenedPayment, type PaymentFlow, ProviderNotConfigured, type RazorpayIds, type StripeIds } from './handler.ts';

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A row of public.open_payment, tolerant of `id` vs `payment_id` and of numeric-as-text. */
export function openedPaymentOf(row: Record<string, unknown>): OpenedPayment {
  const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata ?? {}) as Record<string, unknown>;
  const id = String(row.id ?? row.payment_id);
  const stringMetadata: Metadata = {};
  for (const [key, value] of Object.entries(metadata)) if (value !== null && value !== undefined) stringMetadata[key] = String(value);
  stringMetadata.payment_id ??= id;
  return {
    id,
    provider: (row.provider === 'razorpay' ? 'razorpay' : 'stripe') as PaymentProvider,
    flow: row.flow as PaymentFlow,
    amount: Number(row.amount),
    amount_minor: Number(row.amount_minor),
    currency: String(row.currency),
    idempotency_key: String(row.idempotency_key),
    stripe_account_id: text(row.stripe_account_id),
    stripe_payment_intent_id: text(row.stripe_payment_intent_id),
    stripe_checkout_session_id: text(row.stripe_checkout_session_id),
    razorpay_account_id: text(row.razorpay_account_id),
    razorpay_order_id: text(row.razorpay_order_id),
    razorpay_payment_link_id: text(row.razorpay_payment_link_id),
    checkout_url: text(row.checkout_url),
    created_at: new Date(row.created_at as string | Date),
    description: String(row.description ?? ''),
    patient_email: text(row.patient_email),
    patient_name: text(row.patient_name),
    patient_phone: text(row.patient_phone),
    merchant_name: text(row.merchant_name),
    hold_expires_at: new Date(row.hold_expires_at as string | Date),
    metadata: stringMetadata,
  };
}

export function createPaymentDatabase(sql: Sql): Pick<CreatePaymentDependencies, 'openPayment' | 'attachStripePayment' | 'attachRazorpayPayment'> {
  return {
    openPayment: (claims: Claims, appointmentId: string, flow: PaymentFlow, providers: PaymentProvider[], client?: ClientRequest) =>
      asCaller(sql, claims, async (tx) => {
        const rows = await tx<Record<string, unknown>[]>`select * from public.open_payment(${appointmentId}::uuid, ${flow}::public.payment_flow)`;
        if (!rows[0]) throw new Error('open_payment returned no row');
        const payment = openedPaymentOf(rows[0]);
        // Thrown inside the transaction, so a payment opened for a provider without keys is rolled back.
        if (!providers.includes(payment.provider)) throw new ProviderNotConfigured(payment.provider);
        return payment;
      }, client),
    attachStripePayment: (paymentId: string, ids: StripeIds) =>
      asServiceRole(sql, async (tx) => {
        // positional: (payment_id, payment_intent_id, checkout_session_id, checkout_url)
        await tx`select public.attach_stripe_payment(${paymentId}::uuid, ${ids.paymentIntentId}::text, ${ids.checkoutSessionId}::text, ${ids.checkoutUrl}::text)`;
      }),
    attachRazorpayPayment: (paymentId: string, ids: RazorpayIds) =>
      asServiceRole(sql, async (tx) => {
        // positional: (payment_id, order_id, payment_link_id, payment_link_url)
        await tx`select public.attach_razorpay_payment(${paymentId}::uuid, ${ids.orderId}::text, ${ids.paymentLinkId}::text, ${ids.paymentLinkUrl}::text)`;
      }),
  };
}
