import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterFor, isPortInUse, startCluster } from '../../local/stack/postgres.ts';
import { StackError } from '../../local/stack/log.ts';

describe('local cluster start-up', () => {
  let blocker: Server;
  let port: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('detects a port that something else listens on', async () => {
    expect(await isPortInUse(port)).toBe(true);
  });

  it('refuses to start on a taken port with a message naming the port and what to do', async () => {
    const cluster = { ...clusterFor('port-check', port, true), dataDir: '/nonexistent/slotbase' };
    const error = await startCluster(cluster).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StackError);
    expect((error as StackError).message).toContain(`port ${port} is already in use`);
    expect((error as StackError).hint).toContain('npm stop');
  });
});
