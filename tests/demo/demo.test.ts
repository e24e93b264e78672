// `npm run demo` keeps working: it is what a newcomer runs first, so it runs here end to end
// (its own throwaway database, the real functions, the Stripe fake, the dev outbox) and its
// narration must show each flow's outcome. Only inside `npm test` (it builds a second cluster).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../functions-server/server.ts';

describe.skipIf(!process.env.SLOTBASE_TEST_DB_URL)('npm run demo', () => {
  it('walks through sign-in, search, booking, a refused competitor (through real PostgREST), payment, messages, realtime and a refund', { timeout: 300_000 }, () => {
    const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'demo', 'run.ts')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, SLOTBASE_TEST_DB_URL: '' },
      timeout: 280_000,
    });
    const output = `${run.stdout}${run.stderr}`;
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
});
