// What the payment webhooks (stripe-webhook, razorpay-webhook) do alike once a delivery's
// signature is verified: read the body as the provider's event, apply it in SQL exactly once, and
// send the refunds it created right away. Each handler checks its own provider's signature and
// answers with its own fields; the rules live in SQL (docs/payments.md).
import type { z } from 'zod';
import { connectionLost, databaseErrorOf, httpStatusOf } from './db.ts';
import { databaseUnavailable, problem } from './http.ts';
import type { RefundRunSummary } from './refunds.ts';

/** The jsonb public.handle_stripe_event / handle_razorpay_event return. */
export interface EventOutcome {
  outcome: 'processed' | 'duplicate' | 'ignored' | 'unmatched' | string;
  payment_id?: string | null;
  refund_ids?: string[] | null;
  [key: string]: unknown;
}

export interface WebhookContext {
  /** The function, for logs: stripe-webhook. */
  name: string;
  /** The provider, for messages: Stripe. */
  provider: string;
  /** What to send to this endpoint, for the hint of a refused body. */
  hint: string;
  headers: HeadersInit;
  log: (message: string) => void;
}

/**
 * The verified body as the provider's event (`envelope`), or the answer: 400 `invalid_event` with
 * the reasons (never 500) for a body that is not JSON or not such an event.
 */
export function parseEvent<Schema extends z.ZodType>(payload: string, envelope: Schema, context: WebhookContext): z.infer<Schema> | Response {
  const what = `a ${context.provider} event`;
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return problem(400, 'invalid_event', `The body is not ${what}.`, context.hint, { headers: context.headers });
  }
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'} ${issue.message}`).join('; ');
    context.log(`${context.name}: refused a signed body that is not ${what}: ${reasons}`);
    return problem(400, 'invalid_event', `The body is not ${what}: ${reasons}.`, context.hint, { headers: context.headers });
  }
  return parsed.data;
}

/**
 * Applies the event (`apply`: the SQL handler as service_role) and, when it created refunds,
 * issues them right away (best effort: a failure is logged and left to process-refunds). A database
 * failure is the answer: 503 when the connection was lost and 500 otherwise (the provider delivers
 * again), a refusal of the event (a 4xx SQLSTATE) 400 `invalid_event`. `label` names the event in
 * logs, never its body.
 */
export async function applyEvent<Outcome extends EventOutcome>(
  apply: () => Promise<Outcome>,
  issueRefunds: (refundIds: string[]) => Promise<RefundRunSummary>,
  label: string,
  context: WebhookContext,
): Promise<{ result: Outcome; refunds: RefundRunSummary | null } | Response> {
  const init = { headers: context.headers };
  let result: Outcome;
  try {
    result = await apply();
  } catch (error) {
    const detail = error && typeof error === 'object' && 'code' in error ? `${(error as { code: unknown }).code}: ` : '';
    context.log(`${context.name}: could not apply ${label}: ${detail}${error instanceof Error ? error.message : String(error)}`);
    if (connectionLost(error)) return databaseUnavailable(init);
    const refusal = databaseErrorOf(error);
    if (refusal && httpStatusOf(refusal.code) < 500) {
      return problem(httpStatusOf(refusal.code), 'invalid_event', `The event was refused: ${refusal.message}.`, refusal.hint ?? undefined, init);
    }
    return problem(500, 'event_not_processed', 'The event could not be processed now.', `${context.provider} retries the delivery automatically.`, init);
  }

  const refundIds = Array.isArray(result.refund_ids) ? result.refund_ids : [];
  let refunds: RefundRunSummary | null = null;
  if (refundIds.length > 0) {
    try {
      refunds = await issueRefunds(refundIds);
    } catch (error) {
      context.log(`${context.name}: refunds ${refundIds.join(', ')} wait for process-refunds: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { result, refunds };
}
