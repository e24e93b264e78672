// `npm run demo` keeps working, with Stripe and with Razorpay (`-- --provider=razorpay`): it is
// what a newcomer runs first, so it runs here end to end (its own throwaway database, the real
// functions, the Stripe or Razorpay fake, the dev outbox) and its narration must show each flow's
// outcome. Only inside `npm test` (it builds a second cluster).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../functions-server/server.ts';

function runDemo(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'demo', 'run.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, SLOTBASE_TEST_DB_URL: '' },
    timeout: 280_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe.skipIf(!process.env.SLOTBASE_TEST_DB_URL)('npm run demo', () => {
  it('walks through sign-in, search, booking, a refused competitor (through real PostgREST), payment, messages, realtime and a refund', { timeout: 300_000 }, () => {
    const run = runDemo();
    const output = run.output;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/Your Northside Health code is \d{6}/);
    expect(output).toContain('Refused: PostgREST answered HTTP 409 with SQLSTATE PT409');
    expect(output).toMatch(/POST \/rest\/v1\/rpc\/search_slots\s+offered \d+ free times/);
    expect(output).toMatch(/"amount": "18000"/);
    expect(output).toMatch(/stripe-webhook \(first delivery\) → 200 .*"outcome":"processed"/);
    expect(output).toMatch(/stripe-webhook \(a retry of the same event\) → 200 .*"outcome":"duplicate"/);
    expect(output).toContain('The appointment is now booked and the payment succeeded');
    expect(output).toMatch(/│ Northside Health: this is a reminder of your Dermatology consultation/);
    expect(output).toMatch(/patient:\S+\s+appointment_changed\s+status=booked/);
    expect(output).toMatch(/Refund succeeded, 180\.00 refunded/);
  });

  it('--provider=razorpay: the clinic in Pune books, pays with Razorpay Checkout (a forged signature refused), gets its webhooks once, messages its patient on WhatsApp, sends a Payment Link by the outbox and refunds', { timeout: 300_000 }, () => {
    const run = runDemo('--provider=razorpay');
    const output = run.output;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/offered \d+ free times/);
    expect(output).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Kolkata\)/);
    expect(output).toContain('create-payment answered 200 for provider razorpay: 2500 INR');
    expect(output).toMatch(/"key_id": "rzp_test_\w+",\s+"order_id": "order_\w+",\s+"amount": 250000,\s+"currency": "INR"/);
    expect(output).toMatch(/"transfers": \[\s+\{\s+"account": "acc_DeccanMindCare1",\s+"amount": 250000/);
    expect(output).toContain('confirmRazorpayPayment with a forged signature → HTTP 400 invalid_signature');
    expect(output).toContain('applied it: payment succeeded, appointment booked');
    expect(output).toMatch(/razorpay-webhook \(first delivery\) → 200 .*"outcome":"processed"/);
    expect(output).toMatch(/razorpay-webhook \(a retry of the same event\) → 200 .*"outcome":"duplicate"/);
    expect(output).toMatch(/DEV OUTBOX — NOT SENT[\s\S]*Deccan Mind Care: please pay 2500\.00 INR[\s\S]*https:\/\/rzp\.io\//);
    expect(output).toContain('razorpay-webhook (payment_link.paid) → 200 processed: her appointment is booked');
    expect(output).toMatch(/"reverse_all": true,\s+"X-Refund-Idempotency": "refund_[0-9a-f-]{36}"/);
    expect(output).toContain('Refund succeeded, 2500.00 INR refunded');
    // Aarav prefers WhatsApp: confirmation, receipt and cancellation as the clinic's Content templates, in the dev outbox
    const whatsapp = (template: string, variables: string) =>
      new RegExp(`│ channel: whatsapp\\n\\s+│ to:\\s+whatsapp:\\+919000090011\\n\\s+│ template: ${template}\\n\\s+│ variables: \\{${variables}`);
    expect(output).toMatch(whatsapp('HX95f00e7fcb4d8054f98cef44e3d80bb5', '"1":"Aarav Shah","2":"Psychiatric consultation","3":"[^"]+ \\(Asia/Kolkata\\)","4":"Deccan Mind Care Kothrud"'));
    expect(output).toMatch(whatsapp('HX95e3786af03775d0d58ab4d83b6edb15', '"1":"Aarav Shah","2":"2500\\.00 INR"'));
    expect(output).toMatch(whatsapp('HXde2e121e89fd81abb40e82051d8c8311', '"1":"Aarav Shah"'));
    expect(output).toContain('whatsapp via the dev outbox (NOT SENT');
    expect(output).toMatch(/│ channel: sms\n\s+│ to:\s+\+919000090012/); // Kavya prefers SMS
  });
});
