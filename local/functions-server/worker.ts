// One Deno subprocess per function, the closest thing to the edge runtime's per-function workers:
// the function's index.ts runs unchanged as the main module, and DENO_SERVE_ADDRESS makes its
// Deno.serve() listen on a private loopback port that the server proxies to.
import type { FunctionDefinition } from './functions.ts';

export type Endpoint = { ok: true; origin: string } | { ok: false; reason: string };

export interface WorkerOptions {
  definition: FunctionDefinition;
  /** Read at each start, so a changed env file reaches the next process. */
  environment: () => Promise<Record<string, string>>;
  bootTimeoutMs: number;
  log: (line: string) => void;
}

const bootstrapModule = new URL('./worker-bootstrap.ts', import.meta.url).href;

// Lines the plain Deno CLI prints that would only confuse here: the private port, and a hint to
// use `deno serve` for `export default { fetch }` modules, which the bootstrap serves instead.
const noise = [/^Listening on http:\/\/127\.0\.0\.1:\d+\/$/, /^warning: Detected export default \{ fetch \}/];
// deno-lint-ignore no-control-regex
const ansiEscape = /\x1b\[[0-9;]*m/g;

function freeLoopbackPort(): number {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function accepts(port: number): Promise<boolean> {
  try {
    (await Deno.connect({ hostname: '127.0.0.1', port })).close();
    return true;
  } catch {
    return false;
  }
}

async function pipeLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  let pending = '';
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  }
  if (pending) onLine(pending);
}

interface Running {
  child: Deno.ChildProcess;
  origin: string;
  exited: Promise<Deno.CommandStatus>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FunctionWorker {
  readonly definition: FunctionDefinition;
  #options: WorkerOptions;
  #running: Running | null = null;
  #starting: Promise<Endpoint> | null = null;
  /** The process of the start in progress, so stop() need not wait out a slow start. */
  #startingProcess: { child: Deno.ChildProcess; exited: Promise<Deno.CommandStatus> } | null = null;
  #stopped = false;

  constructor(options: WorkerOptions) {
    this.definition = options.definition;
    this.#options = options;
  }

  /** The running process's address, starting it first when needed (one start at a time). Never rejects. */
  endpoint(): Promise<Endpoint> {
    if (this.#stopped) return Promise.resolve({ ok: false, reason: 'stopped' });
    if (this.#running) return Promise.resolve({ ok: true, origin: this.#running.origin });
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<Endpoint> {
    const { definition, log } = this.#options;
    const port = freeLoopbackPort();
    let child: Deno.ChildProcess;
    try {
      const env = {
        ...(await this.#options.environment()),
        DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
        // The repo's package.json is for Node tooling; functions resolve `npm:` imports themselves,
        // as on the platform, instead of depending on the root node_modules.
        DENO_NO_PACKAGE_JSON: '1',
        // Colours only help when the server writes to a terminal, not to the stack's log file.
        ...(Deno.stdout.isTerminal() ? {} : { NO_COLOR: '1' }),
      };
      child = new Deno.Command(Deno.execPath(), {
        args: ['run', '--allow-all', '--no-lock', ...importMapArgs(definition.importMap), '--preload', bootstrapModule, definition.entrypoint],
        clearEnv: true,
        env,
        stdin: 'null',
        stdout: 'piped',
        stderr: 'piped',
      }).spawn();
    } catch (error) {
      // e.g. a malformed env file: this start fails, the server and the other functions go on.
      const reason = error instanceof Error ? error.message : String(error);
      log(`[functions] ✗ ${definition.name} failed to start (${reason})`);
      return { ok: false, reason };
    }

    // Deno reports an uncaught error as "error: Uncaught ..." followed by the stack; keep that
    // first line (or else the last one) to say why a start failed.
    let errorLine = '';
    const prefix = `[${definition.name}]`;
    const forward = (line: string, isError: boolean) => {
      const plain = line.replace(ansiEscape, '');
      if (noise.some((pattern) => pattern.test(plain))) return;
      if (isError && plain.trim() && !errorLine.startsWith('error:')) errorLine = plain.trim();
      log(`${prefix} ${line}`);
    };
    const outputDone = Promise.all([
      pipeLines(child.stdout, (line) => forward(line, false)),
      pipeLines(child.stderr, (line) => forward(line, true)),
    ]).catch(() => {});
    const exited = child.status.then(async (status) => {
      await outputDone;
      return status;
    });
    this.#startingProcess = { child, exited };
    try {
      return await this.#awaitReadiness(child, port, exited, () => errorLine);
    } finally {
      this.#startingProcess = null;
    }
  }

  async #awaitReadiness(child: Deno.ChildProcess, port: number, exited: Promise<Deno.CommandStatus>, errorLine: () => string): Promise<Endpoint> {
    const { definition, log } = this.#options;

    const deadline = Date.now() + this.#options.bootTimeoutMs;
    let hasExited = false;
    exited.then(() => (hasExited = true));
    while (!hasExited && !this.#stopped && Date.now() < deadline) {
      if (await accepts(port)) {
        const running: Running = { child, origin: `http://127.0.0.1:${port}`, exited };
        this.#running = running;
        // child.status settles as soon as the process is gone; `exited` also waits for its output.
        child.status.then((status) => {
          if (this.#running !== running) return; // stopped on purpose
          this.#running = null;
          void exited.then(() => log(`[functions] ${definition.name} exited (${describeExit(status)}); the next request starts it again`));
        });
        log(`[functions] ${definition.name} is ready`);
        return { ok: true, origin: running.origin };
      }
      await sleep(25);
    }

    if (this.#stopped) {
      await stopProcess(child, exited);
      return { ok: false, reason: 'stopped' };
    }
    let reason: string;
    if (hasExited) {
      const status = await exited;
      reason = status.success
        ? 'index.ts finished without serving: call Deno.serve(handler) or `export default { fetch }`'
        : `${describeExit(status)}${errorLine() ? `: ${errorLine()}` : ''}`;
    } else {
      reason = `not listening after ${this.#options.bootTimeoutMs / 1000}s`;
      await stopProcess(child, exited);
    }
    log(`[functions] ✗ ${definition.name} failed to start (${reason}); its requests get 503 BOOT_ERROR until it starts`);
    return { ok: false, reason };
  }

  /**
   * Called when a request could not reach the process (connection refused or reset): waits
   * briefly for the process to be seen as exited, so the next request starts a fresh one instead
   * of hitting the dead port again.
   */
  async settleAfterFailure(): Promise<void> {
    const running = this.#running;
    if (running) await Promise.race([running.child.status, sleep(500)]);
  }

  /** Stops the process for good (shutdown, or replaced after a reload), even mid-start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const startingProcess = this.#startingProcess;
    if (startingProcess) await stopProcess(startingProcess.child, startingProcess.exited);
    await this.#starting;
    const running = this.#running;
    this.#running = null;
    if (running) await stopProcess(running.child, running.exited);
  }
}

/** A deno.json(c) is a whole configuration (its `imports` are the map); anything else is a plain import map. */
function importMapArgs(path: string | undefined): string[] {
  if (!path) return [];
  return /\/deno\.jsonc?$/.test(path) ? ['--config', path] : ['--import-map', path];
}

function describeExit(status: Deno.CommandStatus): string {
  return status.signal ? `killed by ${status.signal}` : `exit code ${status.code}`;
}

async function stopProcess(child: Deno.ChildProcess, exited: Promise<Deno.CommandStatus>): Promise<void> {
  const kill = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
