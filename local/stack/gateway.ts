// The API gateway (local/functions-server/serve.ts under the repo's Deno) as a child process of a
// test, the demo or the bench: its own process group, so stop() also ends the function processes
// it spawned even if the server itself misbehaves. `npm start` runs it detached instead
// (functions.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { functionsServerEntry, repoRoot } from './config.ts';
import { defaultJwtSecret, localKeys, platformEnvironment } from './keys.ts';

const deno = join(repoRoot, 'node_modules', '.bin', 'deno');

/** A port the OS says is free right now (loopback). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartOptions {
  functionsDir: string;
  config: string;
  envFile?: string;
  port?: number;
  /**
   * Added to a clean environment (PATH, HOME, ... but no inherited SUPABASE_* variables), over the
   * platform's keys for its SUPABASE_JWT_SECRET (keys.ts platformEnvironment) and SUPABASE_URL =
   * the server's own origin, as `supabase functions serve` always provides them.
   */
  env?: Record<string, string>;
  args?: string[];
}

export interface FunctionsServer {
  port: number;
  process: ChildProcess;
  url: (path: string) => string;
  output: () => string;
  /** Resolves with the exit code once the server process has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

export function launch(options: StartOptions): FunctionsServer {
  const port = options.port ?? 0;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SUPABASE_')));
  const child = spawn(
    deno,
    [
      'run',
      '-A',
      functionsServerEntry,
      '--port',
      String(port),
      '--functions-dir',
      options.functionsDir,
      '--config',
      options.config,
      ...(options.envFile ? ['--env-file', options.envFile] : []),
      ...(options.args ?? []),
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inherited,
        DENO_NO_PACKAGE_JSON: '1',
        ...platformEnvironment(localKeys(options.env?.SUPABASE_JWT_SECRET ?? defaultJwtSecret)),
        ...(port ? { SUPABASE_URL: `http://127.0.0.1:${port}` } : {}),
        ...options.env,
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  return {
    port,
    process: child,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    output: () => output,
    exited,
    stop: async () => {
      if (!hasExited) {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      signalGroup('SIGKILL'); // whatever the server left behind in its group
    },
  };
}

/** Launches the server on a free port and waits until it serves. */
export async function startServer(options: StartOptions): Promise<FunctionsServer> {
  const server = launch({ ...options, port: options.port ?? (await freePort()) });
  const deadline = Date.now() + 45_000; // a first run may download the functions' npm packages
  while (!server.output().includes('[functions] serving ')) {
    const exitedEarly = await Promise.race([server.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 50))]);
    if (exitedEarly || Date.now() > deadline) {
      await server.stop();
      throw new Error(`the functions server did not start:\n${server.output()}`);
    }
  }
  return server;
}
