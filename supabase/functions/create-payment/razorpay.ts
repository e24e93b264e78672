// create-payment for a Razorpay payment: the Order the app opens Razorpay Checkout with (flow
// payment_intent), or the Payment Link whose hosted page the patient pays on (flow checkout; for
// a staff-booked hold the payment_link message sends its short URL), created for the payment
// open_payment returned and recorded with attach_razorpay_payment.
//
// Razorpay takes no idempotency key for orders and links, so the payment id is the Order's
// receipt and the Payment Link's reference_id, and an attempt looks its object up by it before
// creating one: a request retried after a lost answer finds the object the first one made. With a
// Route linked account (the clinic's), the whole amount is transferred to it (Orders: transfers;
// Payment Links: options.order.transfers).
import type { OrderParams, PaymentLinkParams, RazorpayApi, RazorpayTransfer } from '../_shared/razorpay.ts';
import type { CreatePaymentBody, OpenedPayment, PaymentAnswer, RazorpayCheckout, RazorpayIds } from './handler.ts';

/** Razorpay refuses a Payment Link expiring less than 15 minutes ahead. */
const linkMinimumMs = 15 * 60_000;

/**
 * The Payment Link's expire_by (unix seconds): the hold's end, but at least 16 minutes after the
 * payment was opened and 15 minutes from now (Razorpay's minimum). After the hold ends a late
 * payment is refunded anyway (slot_released); the link's own expiry releases a hold that is
 * still pending (payment_link.expired).
 */
export function paymentLinkExpiresAt(payment: Pick<OpenedPayment, 'created_at' | 'hold_expires_at'>, now: Date): number {
  let expires = Math.max(payment.hold_expires_at.getTime(), payment.created_at.getTime() + linkMinimumMs + 60_000);
  if (expires < now.getTime() + linkMinimumMs + 10_000) expires = now.getTime() + linkMinimumMs + 60_000;
  return Math.floor(expires / 1000);
}

function transfersOf(payment: OpenedPayment): RazorpayTransfer[] | undefined {
  if (!payment.razorpay_account_id) return undefined;
  return [{ account: payment.razorpay_account_id, amount: payment.amount_minor, currency: payment.currency, notes: payment.metadata, on_hold: false }];
}

/** What Razorpay Checkout is opened with, in the app (docs/payments.md, Razorpay Checkout options). */
export function checkoutOptionsOf(razorpay: Pick<RazorpayApi, 'keyId'>, payment: OpenedPayment, orderId: string, now: Date): RazorpayCheckout {
  const prefill: RazorpayCheckout['prefill'] = {};
  if (payment.patient_name) prefill.name = payment.patient_name;
  if (payment.patient_email) prefill.email = payment.patient_email;
  if (payment.patient_phone) prefill.contact = payment.patient_phone;
  return {
    key_id: razorpay.keyId,
    order_id: orderId,
    amount: payment.amount_minor,
    currency: payment.currency,
    name: payment.merchant_name ?? 'Clinic',
    description: payment.description || 'Appointment',
    prefill,
    notes: payment.metadata,
    // Checkout stops taking the payment when the hold ends.
    timeout: Math.max(1, Math.floor((payment.hold_expires_at.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * Finds or creates the payment's Razorpay object and records it; returns what the app needs:
 * `razorpay` (Checkout options, payment_intent) or `checkout_url` (the Payment Link, checkout).
 * Razorpay errors and attach errors reject (the handler tells them apart).
 */
export async function startRazorpayPayment(
  razorpay: RazorpayApi,
  payment: OpenedPayment,
  body: CreatePaymentBody,
  attach: (paymentId: string, ids: RazorpayIds) => Promise<void>,
  now: Date,
): Promise<Partial<PaymentAnswer>> {
  if (payment.flow === 'checkout') {
    if (payment.razorpay_payment_link_id && payment.checkout_url) return { checkout_url: payment.checkout_url };
    const params: PaymentLinkParams = {
      amount: payment.amount_minor,
      currency: payment.currency,
      accept_partial: false,
      reference_id: payment.id,
      description: (payment.description || 'Appointment').slice(0, 2048),
      customer: {
        ...(payment.patient_name ? { name: payment.patient_name } : {}),
        ...(payment.patient_email ? { email: payment.patient_email } : {}),
        ...(payment.patient_phone ? { contact: payment.patient_phone } : {}),
      },
      notify: { sms: false, email: false },
      reminder_enable: false,
      notes: payment.metadata,
      callback_url: body.success_url as string,
      callback_method: 'get',
      expire_by: paymentLinkExpiresAt(payment, now),
    };
    const transfers = transfersOf(payment);
    if (transfers) params.options = { order: { transfers } };
    const link = (await razorpay.paymentLinks.findByReference(payment.id)) ?? (await razorpay.paymentLinks.create(params));
    await attach(payment.id, { orderId: null, paymentLinkId: link.id, paymentLinkUrl: link.short_url });
    return { checkout_url: link.short_url };
  }

  let orderId = payment.razorpay_order_id;
  if (!orderId) {
    const params: OrderParams = { amount: payment.amount_minor, currency: payment.currency, receipt: payment.id, notes: payment.metadata };
    const transfers = transfersOf(payment);
    if (transfers) params.transfers = transfers;
    const order = (await razorpay.orders.findByReceipt(payment.id)) ?? (await razorpay.orders.create(params));
    await attach(payment.id, { orderId: order.id, paymentLinkId: null, paymentLinkUrl: null });
    orderId = order.id;
  }
  return { razorpay: checkoutOptionsOf(razorpay, payment, orderId, now) };
}
