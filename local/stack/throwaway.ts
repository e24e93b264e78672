// A fresh, isolated database for one run of the tests or of type generation: its own cluster on
// its own port, built from the platform emulation + migrations (+ seed), deleted afterwards.
import { dbUrl, testDbPortRange } from './config.ts';
import { StackError, info } from './log.ts';
import {
  type Cluster, clusterFor, createCluster, destroyCluster, ensurePostgresPackages, installPlatform, isPortInUse, startCluster,
} from './postgres.ts';
import { pushMigrations } from './supabase-cli.ts';

/** A free port of the test range, in random order so that concurrent runs rarely pick the same one. */
async function freePort(exclude: ReadonlySet<number>): Promise<number> {
  const ports: number[] = [];
  for (let port = testDbPortRange[0]; port <= testDbPortRange[1]; port++) if (!exclude.has(port)) ports.push(port);
  ports.sort(() => Math.random() - 0.5);
  for (const port of ports) {
    if (!(await isPortInUse(port))) return port;
  }
  throw new StackError(`no free port for a test database in ${testDbPortRange.join('-')}`, 'Stop other test runs, or free one of those ports.');
}

export async function withThrowawayDatabase<T>(
  purpose: string,
  { seed }: { seed: boolean },
  use: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  ensurePostgresPackages();
  // Several throwaway databases may start at once (npm test's own, and the demo and bench tests
  // inside it): a port that was free when picked can be taken by the time PostgreSQL binds it, so
  // a start that fails is retried on another port.
  const tried = new Set<number>();
  let cluster: Cluster | undefined;
  const cleanup = () => {
    if (cluster) destroyCluster(cluster);
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort(tried);
      tried.add(port);
      // The process id keeps the directory its own: destroying a failed attempt never touches
      // another run's cluster on the same port.
      cluster = clusterFor(`${purpose}-${port}-${process.pid}`, port, true);
      info(`creating a throwaway ${purpose} database on port ${port}`);
      try {
        createCluster(cluster);
        await startCluster(cluster);
        break;
      } catch (error) {
        destroyCluster(cluster);
        cluster = undefined;
        if (attempt >= 4 || !(error instanceof StackError)) throw error;
        info(`the ${purpose} database could not start on port ${port} (${error.message.split('\n')[0]}); trying another port`);
      }
    }
    const port = cluster.port;
    installPlatform(cluster);
    pushMigrations(dbUrl(port), { seed });
    return await use(cluster);
  } finally {
    cleanup();
  }
}
