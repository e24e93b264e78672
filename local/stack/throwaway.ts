// A fresh, isolated database for one run of the tests or of type generation: its own cluster on
// its own port, built from the platform emulation + migrations (+ seed), deleted afterwards.
import { dbUrl, testDbPortRange } from './config.ts';
import { StackError, info } from './log.ts';
import {
  type Cluster, clusterFor, createCluster, destroyCluster, ensurePostgresPackages, installPlatform, isPortInUse, startCluster,
} from './postgres.ts';
import { pushMigrations } from './supabase-cli.ts';

async function freePort(): Promise<number> {
  for (let port = testDbPortRange[0]; port <= testDbPortRange[1]; port++) {
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
  const port = await freePort();
  const cluster = clusterFor(`${purpose}-${port}`, port, true);
  const cleanup = () => destroyCluster(cluster);
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    info(`creating a throwaway ${purpose} database on port ${port}`);
    createCluster(cluster);
    await startCluster(cluster);
    installPlatform(cluster);
    pushMigrations(dbUrl(port), { seed });
    return await use(cluster);
  } finally {
    cleanup();
  }
}
