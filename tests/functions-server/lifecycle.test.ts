// Starting, reloading and stopping the functions server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixtures, eventually, fixturesDir, freePort, type FunctionsServer, launch, startServer } from './server.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('functions server lifecycle', () => {
  it('exits non-zero with a clear message when the port is taken', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));

    const server = launch({ functionsDir: fixturesDir, config: join(fixturesDir, 'config.toml'), port, args: ['--no-watch'] });
    cleanups.push(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`port ${port} is already in use: stop the other process or run \`npm stop\``);
  });

  it('stops its function processes on SIGTERM and exits 0', async () => {
    const server: FunctionsServer = await startServer({ functionsDir: fixturesDir, config: join(fixturesDir, 'config.toml'), args: ['--no-watch'] });
    cleanups.push(() => server.stop());
    const { pid } = (await (await fetch(server.url('/functions/v1/echo-public/pid'))).json()) as { pid: number };
    expect(isAlive(pid)).toBe(true);

    server.process.kill('SIGTERM'); // the server only, not its process group
    expect(await server.exited).toBe(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('serves a function added while it runs, without a restart', async () => {
    const fixtures = copyFixtures();
    cleanups.push(fixtures.remove);
    const server = await startServer({ functionsDir: fixtures.dir, config: join(fixtures.dir, 'config.toml') });
    cleanups.push(() => server.stop());
    expect((await fetch(server.url('/functions/v1/added'))).status).toBe(404);

    mkdirSync(join(fixtures.dir, 'added'));
    writeFileSync(join(fixtures.dir, 'added', 'index.ts'), "Deno.serve(() => new Response('added later'));\n");
    await eventually(async () => (await fetch(server.url('/functions/v1/added'), { headers: { Authorization: 'Bearer x' } })).status !== 404);
    // verify_jwt defaults to true for the new function too.
    expect((await fetch(server.url('/functions/v1/added'))).status).toBe(401);
  });

  it('runs edited code on the next request', async () => {
    const fixtures = copyFixtures();
    cleanups.push(fixtures.remove);
    const server = await startServer({ functionsDir: fixtures.dir, config: join(fixtures.dir, 'config.toml') });
    cleanups.push(() => server.stop());
    writeFileSync(join(fixtures.dir, 'boot-error', 'index.ts'), "Deno.serve(() => new Response('fixed'));\n");
    await eventually(async () => (await (await fetch(server.url('/functions/v1/boot-error'))).text()) === 'fixed');
  });
});
