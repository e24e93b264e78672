// `npm test`: every check of the project against a fresh, isolated database, ending with one
// summary line (`N passed, N failed`) that counts individual tests and checks.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dbPassword, dbUrl, functionsDir, platformDir, repoRoot, stateDir, testsDir, typesFile } from './config.ts';
import { denoPath } from './functions.ts';
import { type Cluster, psql } from './postgres.ts';
import { type ApiStack, startApiStack } from './api-stack.ts';
import { postgrestAvailability } from './postgrest.ts';
import { generateTypes, supabase } from './supabase-cli.ts';
import { withThrowawayDatabase } from './throwaway.ts';
import { accessMatrixFile, loadTestSetup, renderAccessMatrix } from '../../scripts/access-matrix.ts';

interface StageResult {
  passed: number;
  failed: number;
  detail: string;
  /** Tests a runner skipped (or marked todo / ignored); only the expected ones pass. */
  skipped?: number;
}

/**
 * Skips that are expected: the live-stack e2e suite runs only against `supabase start` or a
 * hosted project (docs/testing.md#live-stack-e2e-suite), and tests/api only where PostgREST runs.
 * Any other skipped test fails the stage: a test that silently stops running is a test lost.
 */
const expectedVitestSkips = (apiAvailable: boolean) => (file: string): boolean =>
  file === 'tests/e2e/live-stack.test.ts' || (!apiAvailable && file.startsWith('tests/api/'));

interface Stage {
  name: string;
  run: (cluster: Cluster) => StageResult | Promise<StageResult>;
}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  const result = spawnSync(cmd, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  process.stdout.write(output.endsWith('\n') || output === '' ? output : `${output}\n`);
  return { status: result.status ?? 1, output };
}

/** Like sh, without blocking the event loop: the API stack's processes keep draining their output. */
function shAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => resolvePromise({ status: 1, output: `${output}\n${error.message}` }));
    child.once('close', (code) => resolvePromise({ status: code ?? 1, output }));
  });
}

function filesUnder(dir: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, accept) : accept(path) ? [path] : [];
  });
}

const lint: Stage = {
  name: 'db lint (plpgsql_check)',
  run: (cluster) => {
    const result = supabase(['db', 'lint', `--remote=${dbUrl(cluster.port)}`, '--level', 'warning', '--fail-on', 'error']);
    const status = result.status;
    const output = `${result.stdout}${result.stderr}`;
    process.stdout.write(output);
    return status === 0 ? { passed: 1, failed: 0, detail: 'no errors' } : { passed: 0, failed: 1, detail: firstLine(output) };
  },
};

function advisors(cluster: Cluster): { status: number; output: string } {
  const result = supabase(['db', 'advisors', `--remote=${dbUrl(cluster.port)}`, '--type', 'all', '--level', 'warn', '--fail-on', 'warn']);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const advisorCanary = `
  create table public.advisors_canary (id bigint primary key);
  grant select on public.advisors_canary to anon;
  create function public.advisors_canary_fn() returns int language sql as 'select 1';
`;

const advisorsStage: Stage = {
  name: 'db advisors (security + performance)',
  run: (cluster) => {
    let passed = 0;
    let failed = 0;
    const details: string[] = [];
    const clean = advisors(cluster);
    process.stdout.write(clean.output);
    if (clean.status === 0) passed++;
    else {
      failed++;
      details.push('the schema has WARN/ERROR findings');
    }
    // The lints that read `pgrst.db_schemas` return nothing when it is unset: prove they run by
    // showing a deliberately bad table and function to the advisors, then removing them again.
    psql(cluster, 'postgres', ['-c', advisorCanary]);
    const canary = advisors(cluster);
    psql(cluster, 'postgres', ['-c', 'drop table public.advisors_canary; drop function public.advisors_canary_fn();']);
    const expected = ['rls_disabled_in_public', 'function_search_path_mutable'];
    const missed = expected.filter((lintName) => !canary.output.includes(lintName));
    if (canary.status !== 0 && missed.length === 0) passed++;
    else {
      failed++;
      details.push(`the advisors missed a planted problem (${missed.join(', ') || 'exit code 0'})`);
      process.stdout.write(canary.output);
    }
    return { passed, failed, detail: details.join('; ') || 'clean, and a planted problem is caught' };
  },
};

/**
 * pgTAP files run in parallel (`pg_prove -j`): each file is one transaction that rolls back, and
 * files that create the same fixture rows wait for each other on those rows' keys, so they cannot
 * see each other's data. SLOTBASE_PGTAP_JOBS overrides the number of parallel files.
 */
const pgtapJobs = Math.max(1, Number(process.env.SLOTBASE_PGTAP_JOBS ?? 3) || 3);
let pgtapSetupDone = false;

/**
 * The pgTAP suite in a session whose time zone is `timeZone` (PGTZ): results must not depend on it
 * (docs/testing.md), so the suite runs under UTC and again under America/Santiago, whose clocks
 * skip midnight.
 */
function pgtapIn(timeZone: string, name: string): Stage {
  return {
    name,
    run: (cluster) => {
      if (!pgtapSetupDone) {
        psql(cluster, 'postgres', ['-c', 'create extension if not exists pgtap with schema extensions']);
        for (const setup of filesUnder(join(testsDir, '_setup'), (p) => p.endsWith('.sql'))) {
          psql(cluster, 'postgres', ['-f', setup]);
        }
        pgtapSetupDone = true;
      }
      // the product's tests and the platform emulation's own (local/platform/tests)
      const files = [testsDir, join(platformDir, 'tests')]
        .flatMap((dir) => filesUnder(dir, (p) => p.endsWith('.test.sql')))
        .map((p) => relative(repoRoot, p));
      if (files.length === 0) return { passed: 0, failed: 1, detail: 'no test files found' };
      const started = Date.now();
      const { output } = sh('pg_prove', ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', '-d', 'postgres',
        '-j', String(pgtapJobs), '--failures', '--directives', ...files], {
        PGPASSWORD: dbPassword,
        PGTZ: timeZone,
      });
      const seconds = Math.round((Date.now() - started) / 1000);
      const total = Number(/Tests=(\d+)/.exec(output)?.[1] ?? 0);
      let failed = [...output.matchAll(/Failed (\d+)\/\d+ subtests/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      const passedRun = /^Result: PASS$/m.test(output);
      if (!passedRun && failed === 0) failed = 1; // a file died or its plan did not match
      // --directives prints every SKIP and TODO; no pgTAP test is expected to skip
      const skipped = [...output.matchAll(/^\s*(?:not )?ok \d+ # (?:SKIP|TODO)\b/gim)].length
        + [...output.matchAll(/\.\. skipped:/g)].length;
      if (skipped > 0) failed += skipped;
      return {
        passed: Math.max(total - failed, 0), failed, skipped,
        detail: `${files.length} files, ${total} tests${skipped ? `, ${skipped} SKIPPED or TODO (not allowed)` : ''}, session time zone ${timeZone}, ${pgtapJobs} in parallel, ${seconds} s`,
      };
    },
  };
}

const pgtap = pgtapIn('UTC', 'pgTAP (supabase/tests)');
const pgtapSantiago = pgtapIn('America/Santiago', 'pgTAP again in a session time zone that skips midnight (PGTZ=America/Santiago)');

const functionEntrypoints = () =>
  existsSync(functionsDir)
    ? readdirSync(functionsDir).filter((n) => !n.startsWith('_') && !n.startsWith('.') && n !== 'tests')
      .map((n) => join(functionsDir, n, 'index.ts')).filter((p) => existsSync(p))
    : [];

const deno: Stage = {
  name: 'deno check + deno test (Edge Functions, functions server)',
  run: () => {
    const entrypoints = [...functionEntrypoints(), join(repoRoot, 'local', 'functions-server', 'serve.ts')];
    // Resolve `npm:` imports the way the platform does (each function its own packages), not from
    // the repository's node_modules, which Deno would otherwise use because of package.json.
    const denoEnv = { DENO_NO_PACKAGE_JSON: '1' };
    // The functions' import map, as the CLI deploys them (config.toml import_map); Deno would
    // otherwise look for a deno.json from the working directory, the repository root.
    const config = ['--config', relative(repoRoot, join(functionsDir, 'deno.json'))];
    const check = sh(denoPath, ['check', ...config, ...entrypoints.map((p) => relative(repoRoot, p))], denoEnv);
    const test = sh(denoPath, ['test', '-A', ...config, 'local/functions-server', 'supabase/functions'], denoEnv);
    const summary = /(\d+) passed.*?(\d+) failed(?:.*?(\d+) ignored)?/.exec(test.output);
    const testPassed = Number(summary?.[1] ?? 0);
    let testFailed = Number(summary?.[2] ?? 0);
    // an ignored Deno test (`ignore: true`, Deno.test.ignore) is not expected anywhere
    const ignored = Number(summary?.[3] ?? 0);
    testFailed += ignored;
    if (test.status !== 0 && testFailed === 0) testFailed = 1;
    const checkFailed = check.status === 0 ? 0 : 1;
    return {
      passed: (check.status === 0 ? entrypoints.length : 0) + testPassed,
      failed: checkFailed + testFailed,
      skipped: ignored,
      detail: `${entrypoints.length} entrypoints type-checked${checkFailed ? ' (FAILED)' : ''}, ${testPassed + testFailed - ignored} deno tests${ignored ? `, ${ignored} IGNORED (not allowed)` : ''}`,
    };
  },
};

/**
 * The Data API of the throwaway database for tests/api: PostgREST and the gateway, as `npm start`
 * runs them. Without the PostgREST binary (not linux-x64) the API tests are skipped, and this says
 * so in the summary.
 */
async function withDataApi<T>(cluster: Cluster, use: (env: Record<string, string>, note: string) => Promise<T>): Promise<T> {
  const availability = postgrestAvailability();
  if (!availability.available) {
    const note = `tests/api SKIPPED: PostgREST is not available (${availability.reason})`;
    process.stdout.write(`${note}\n`);
    return use({}, note);
  }
  const stack: ApiStack = await startApiStack(cluster.port);
  try {
    return await use({
      SLOTBASE_TEST_API_URL: stack.url,
      SLOTBASE_TEST_REST_URL: stack.restUrl,
      SLOTBASE_TEST_ANON_KEY: stack.anonKey,
      SLOTBASE_TEST_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SLOTBASE_TEST_PUBLISHABLE_KEY: stack.publishableKey,
      SLOTBASE_TEST_SECRET_KEY: stack.secretKey,
    }, `Data API at ${stack.url}`);
  } finally {
    await stack.stop();
  }
}

const vitest: Stage = {
  name: 'tsc + vitest (unit and integration)',
  run: (cluster) => withDataApi(cluster, async (apiEnv, apiNote) => {
    const tsc = sh(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
    const report = join(stateDir, 'vitest-report.json');
    mkdirSync(stateDir, { recursive: true });
    rmSync(report, { force: true });
    const run = await shAsync(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
      SLOTBASE_TEST_DB_URL: dbUrl(cluster.port),
      ...apiEnv,
    });
    let passed = 0;
    let failed = 0;
    const skippedBy = new Map<string, number>();
    if (existsSync(report)) {
      const json = JSON.parse(readFileSync(report, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        testResults: Array<{ name: string; assertionResults: Array<{ status: string }> }>;
      };
      passed = json.numPassedTests;
      failed = json.numFailedTests;
      for (const file of json.testResults) {
        const count = file.assertionResults.filter((a) => ['pending', 'skipped', 'todo'].includes(a.status)).length;
        if (count > 0) skippedBy.set(relative(repoRoot, file.name), count);
      }
    }
    if (run.status !== 0 && failed === 0) failed = 1;
    const expected = expectedVitestSkips(apiEnv.SLOTBASE_TEST_API_URL !== undefined);
    const skipped = [...skippedBy.values()].reduce((n, c) => n + c, 0);
    const unexpected = [...skippedBy].filter(([file]) => !expected(file));
    for (const [file, count] of unexpected) process.stdout.write(`UNEXPECTED SKIP: ${count} test(s) of ${file} did not run\n`);
    failed += unexpected.reduce((n, [, count]) => n + count, 0);
    const skipNote = skipped === 0 ? '' : `; ${skipped} skipped (${[...skippedBy].map(([file, count]) => `${file}: ${count}${expected(file) ? '' : ' UNEXPECTED'}`).join(', ')})`;
    return {
      passed: passed + (tsc.status === 0 ? 1 : 0),
      failed: failed + (tsc.status === 0 ? 0 : 1),
      skipped,
      detail: `${passed + failed} vitest tests, tsc ${tsc.status === 0 ? 'clean' : 'FAILED'}${skipNote}; ${apiNote}`,
    };
  }),
};

const typesFresh: Stage = {
  name: 'generated types are fresh (types/database.ts)',
  run: (cluster) => {
    const generated = generateTypes(dbUrl(cluster.port));
    const committed = existsSync(typesFile) ? readFileSync(typesFile, 'utf8') : '';
    return generated === committed
      ? { passed: 1, failed: 0, detail: 'up to date' }
      : { passed: 0, failed: 1, detail: 'types/database.ts is stale: run `npm run types` and commit it' };
  },
};

const accessMatrixFresh: Stage = {
  name: 'generated access matrix is fresh (docs/access-matrix.md)',
  run: async (cluster) => {
    loadTestSetup(cluster);
    const generated = await renderAccessMatrix(dbUrl(cluster.port));
    const committed = existsSync(accessMatrixFile) ? readFileSync(accessMatrixFile, 'utf8') : '';
    return generated === committed
      ? { passed: 1, failed: 0, detail: 'up to date' }
      : { passed: 0, failed: 1, detail: 'docs/access-matrix.md is stale: run `npm run docs:access-matrix` and commit it' };
  },
};

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => l.trim() !== '')?.slice(0, 160) ?? '';
}

export async function runTests(): Promise<number> {
  const stages = [lint, advisorsStage, pgtap, pgtapSantiago, deno, vitest, typesFresh, accessMatrixFresh];
  const results: Array<{ stage: Stage; result: StageResult }> = [];
  await withThrowawayDatabase('test', { seed: true }, async (cluster) => {
    for (const stage of stages) {
      process.stdout.write(`\n=== ${stage.name}\n`);
      let result: StageResult;
      try {
        result = await stage.run(cluster);
      } catch (error) {
        result = { passed: 0, failed: 1, detail: `crashed: ${firstLine((error as Error).message)}` };
        process.stdout.write(`${(error as Error).message}\n`);
      }
      results.push({ stage, result });
    }
  });
  const passed = results.reduce((n, r) => n + r.result.passed, 0);
  const failed = results.reduce((n, r) => n + r.result.failed, 0);
  const skipped = results.reduce((n, r) => n + (r.result.skipped ?? 0), 0);
  process.stdout.write('\n=== summary\n');
  for (const { stage, result } of results) {
    process.stdout.write(`${result.failed === 0 ? 'ok  ' : 'FAIL'} ${stage.name}: ${result.passed} passed, ${result.failed} failed — ${result.detail}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
