// The dev outbox as a reader sees it: the `DEV OUTBOX — NOT SENT` blocks that the functions print
// (supabase/functions/_shared/messaging/dev-outbox.ts) when no provider keys are set, picked out of
// the functions server's output. Used by `npm run outbox` and `npm run demo`.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The complete blocks (┌ … └, function prefixes removed) in `output`, oldest first. */
export function devOutboxBlocks(output: string): string[] {
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const line of output.split('\n')) {
    const text = line.replace(/^\[[a-z0-9_-]+\] ?/, '');
    if (text.startsWith('┌') && text.includes('DEV OUTBOX')) current = [text];
    else if (current) {
      current.push(text);
      if (text.startsWith('└')) {
        blocks.push(current.join('\n'));
        current = null;
      }
    }
  }
  return blocks;
}

/** Prints the last `count` blocks of the log; with `follow`, then every new one until interrupted. */
export async function showDevOutbox(logFile: string, { count, follow }: { count: number; follow: boolean }): Promise<void> {
  const read = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  let seen = devOutboxBlocks(read());
  const shown = seen.slice(-count);
  process.stdout.write(shown.length > 0
    ? `${shown.join('\n\n')}\n`
    : `The dev outbox is empty (${logFile}). Messages appear here when functions send SMS or e-mail without provider keys.\n`);
  if (!follow) return;
  process.stdout.write('-- following; Ctrl-C to stop --\n');
  for (;;) {
    await sleep(500);
    const blocks = devOutboxBlocks(read());
    // The log starts afresh when the functions server restarts: then every block is new.
    const fresh = blocks.length >= seen.length ? blocks.slice(seen.length) : blocks;
    if (fresh.length > 0) process.stdout.write(`${fresh.join('\n\n')}\n`);
    seen = blocks;
  }
}
