// Console output of the stack scripts, and the one error type they raise on purpose.

/** An expected failure: printed as a message (and a hint), without a stack trace. */
export class StackError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'StackError';
  }
}

export function info(message: string): void {
  process.stdout.write(`slotbase: ${message}\n`);
}

export function fail(error: unknown): never {
  if (error instanceof StackError) {
    process.stderr.write(`slotbase: error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
  } else {
    process.stderr.write(`slotbase: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
