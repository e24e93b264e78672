// POST /functions/v1/verify-razorpay-payment: the app hands over what Razorpay Checkout's success
// handler returned, and the booking is confirmed at once instead of when the webhook arrives.
//
//   body   { payment_id, razorpay_order_id, razorpay_payment_id, razorpay_signature }
//   200    { payment_id, outcome, payment_status, appointment_status }
//
// 1. The caller is a signed-in user (verified here, _shared/caller.ts) who may see the payment:
//    it is read AS THE CALLER (row-level security: the patient's own, or the clinic's).
// 2. The signature is checked against the Order the SERVER stored for the payment, never the one
//    the client names: hex HMAC-SHA256 of `<order_id>|<razorpay_payment_id>` with the key secret,
//    in constant time (_shared/razorpay.ts). A forged or mismatched signature is 400
//    invalid_signature, and nothing is asked of Razorpay or changed.
// 3. The Payment is fetched from Razorpay (its status, amount and currency, not the client's word)
//    and applied by public.confirm_razorpay_payment as service_role with the rules every payment
//    follows (captured -> succeeded and the hold booked; authorized -> processing; failed ->
//    noted). The webhook for the same payment then changes nothing, and vice versa.
import { requireUser, type VerifyCaller } from '../_shared/caller.ts';
import type { Claims } from '../_shared/db.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { databaseProblem, json, problem, readJsonRequest } from '../_shared/http.ts';
import { type RazorpayApi, razorpayFailureOf, razorpayIds, type RazorpayPayment } from '../_shared/razorpay.ts';
import { z } from 'zod';

/** The payment as the caller sees it (public.payments under row-level security), or null. */
export interface VisiblePayment {
  id: string;
  provider: string;
  flow: string;
  razorpay_order_id: string | null;
}

/** What public.confirm_razorpay_payment returns. */
export interface ConfirmOutcome {
  outcome: string;
  payment_id: string;
  payment_status: string;
  appointment_status: string;
  refund_ids?: string[];
  [key: string]: unknown;
}

export interface VerifyRazorpayPaymentDependencies {
  verifyCaller: VerifyCaller;
  /** Reads the payment as the caller; null when the caller cannot see it. */
  readPayment: (claims: Claims, paymentId: string) => Promise<VisiblePayment | null>;
  /** public.confirm_razorpay_payment as service_role. */
  confirm: (paymentId: string, payment: RazorpayPayment) => Promise<ConfirmOutcome>;
  /** Checks razorpay_signature for the stored order id (createCheckoutVerifier). */
  verifySignature: (orderId: string, paymentId: string, signature: string) => Promise<boolean>;
  /** null when RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET are not set: 503. */
  razorpay: Pick<RazorpayApi, 'payments'> | null;
  log?: (message: string) => void;
}

const headers = { ...corsHeaders, 'Cache-Control': 'no-store' };
const maxBodyBytes = 16 * 1024;

export const verifyBody = z.strictObject({
  payment_id: z.uuid({ message: 'must be a UUID' }),
  razorpay_order_id: z.string().regex(razorpayIds.order, 'must be a Razorpay Order id (order_...)'),
  razorpay_payment_id: z.string().regex(razorpayIds.payment, 'must be a Razorpay Payment id (pay_...)'),
  razorpay_signature: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the hex signature Razorpay Checkout returned'),
});

export function createVerifyRazorpayPaymentHandler({ verifyCaller, readPayment, confirm, verifySignature, razorpay, log = console.error }: VerifyRazorpayPaymentDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `verify-razorpay-payment does not accept ${request.method}.`, 'Use POST with a JSON body.', {
        headers: { ...headers, Allow: 'POST, OPTIONS' },
      });
    }
    const user = requireUser(await verifyCaller(request), 'confirm a payment', { headers });
    if (user instanceof Response) return user;
    if (!razorpay) {
      return problem(503, 'payments_not_configured', 'Razorpay payments cannot be confirmed right now.',
        'The server has no RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET (see docs/payments.md); the webhook confirms the payment meanwhile.', { headers });
    }

    const body = await readJsonRequest(request, verifyBody, {
      maxBytes: maxBodyBytes,
      headers,
      jsonHint: 'Send what Razorpay Checkout\'s handler returned, with the payment_id.',
      requestHint: 'Send { payment_id, razorpay_order_id, razorpay_payment_id, razorpay_signature } as Razorpay Checkout returned them.',
    });
    if (body instanceof Response) return body;

    let payment: VisiblePayment | null;
    try {
      payment = await readPayment(user.claims, body.payment_id);
    } catch (error) {
      return databaseProblem(error, 'verify-razorpay-payment', log, { headers });
    }
    if (!payment) {
      return problem(404, 'payment_not_found', 'This payment was not found.', 'Check the payment_id create-payment answered; you only see your own payments, or those of your clinic.', { headers });
    }
    if (payment.provider !== 'razorpay' || payment.flow !== 'payment_intent' || !payment.razorpay_order_id) {
      return problem(400, 'invalid_request', 'This payment is not paid with Razorpay Checkout.', 'Only a payment create-payment opened Razorpay Checkout for has a Checkout result.', { headers });
    }
    // The stored order, never the client's: a signature for another order does not fit this payment.
    if (body.razorpay_order_id !== payment.razorpay_order_id || !(await verifySignature(payment.razorpay_order_id, body.razorpay_payment_id, body.razorpay_signature))) {
      log(`verify-razorpay-payment: refused a Checkout result for payment ${payment.id}: the signature does not match its order`);
      return problem(400, 'invalid_signature', 'The payment signature does not match this payment.', 'Send razorpay_order_id, razorpay_payment_id and razorpay_signature exactly as Razorpay Checkout returned them.', { headers });
    }

    let fetched: RazorpayPayment;
    try {
      fetched = await razorpay.payments.fetch(body.razorpay_payment_id);
    } catch (error) {
      const failure = razorpayFailureOf(error);
      log(`verify-razorpay-payment: Razorpay refused or failed for payment ${payment.id}: ${failure.summary}`);
      return problem(502, 'payment_provider_error', 'The payment provider could not confirm this payment now.',
        'The payment is confirmed as soon as Razorpay notifies the clinic; you may also try again in a moment.', { headers });
    }

    try {
      const result = await confirm(payment.id, fetched);
      return json(200, { payment_id: payment.id, outcome: result.outcome, payment_status: result.payment_status, appointment_status: result.appointment_status }, { headers });
    } catch (error) {
      return databaseProblem(error, 'verify-razorpay-payment', log, { headers });
    }
  };
}
