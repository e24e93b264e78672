// `npm run outbox` and the demo find the dev outbox blocks in the functions server's log.
import { describe, expect, it } from 'vitest';
import { createDevOutbox } from '../../supabase/functions/_shared/messaging/dev-outbox.ts';
import { devOutboxBlocks } from '../../local/stack/dev-outbox.ts';

describe('devOutboxBlocks', () => {
  it('returns each complete block the dev outbox printed, without the [function] prefixes, oldest first', async () => {
    const printed: string[] = [];
    const outbox = createDevOutbox({ log: (text) => printed.push(text) });
    await outbox.sendSms({ to: '+447700900001', body: 'Your Northside Health code is 123456' });
    await outbox.sendEmail({ to: 'ana@example.test', subject: 'Booking confirmed', text: 'Hello Ana,\nsee you soon.' });
    const log = [
      '[functions] serving 9 functions',
      ...printed[0]!.split('\n').map((line) => `[send-sms-hook] ${line}`),
      '[dispatch-notifications] dispatch: 1 claimed',
      ...printed[1]!.split('\n').map((line) => `[dispatch-notifications] ${line}`),
      // a block still being written (the function printed only its first lines so far)
      '[dispatch-notifications] ┌── DEV OUTBOX — NOT SENT ──────────────────────────',
      '[dispatch-notifications] │ channel: sms',
    ].join('\n');

    const blocks = devOutboxBlocks(log);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toBe(printed[0]);
    expect(blocks[1]).toBe(printed[1]);
    expect(blocks[1]).toContain('│ subject: Booking confirmed');
    expect(blocks[1]).toContain('│ see you soon.');
  });

  it('finds nothing in a log without dev outbox blocks', () => {
    expect(devOutboxBlocks('[functions] serving 9 functions\n[health] ready\n')).toEqual([]);
  });
});
