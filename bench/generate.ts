// Runs the data generator (bench/generate.sql) as the bootstrap superuser, then vacuum analyze,
// and counts what it made. Also removes a generated dataset again (the smoke test's cleanup).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Scale, type Sql, checkTag, ms, round } from './lib.ts';

const sqlFile = join(dirname(fileURLToPath(import.meta.url)), 'generate.sql');

export interface Generated {
  tag: string;
  /** rows of this dataset (race tenant included) */
  counts: { tenants: number; centres: number; clinicians: number; patients: number; appointments: number; availabilityRules: number; users: number };
  /** appointments by status */
  statuses: Record<string, number>;
  /** whole table, incl. anything else in the database (seed, other tests) */
  tableAppointments: number;
  seconds: { load: number; vacuumAnalyze: number; steps: Record<string, number> };
}

function render(scale: Scale, tag: string): Array<{ name: string; sql: string }> {
  const values: Record<string, string | number> = {
    tag: checkTag(tag),
    tenants: scale.tenants,
    large_every: scale.largeEvery,
    small_clinicians: scale.smallClinicians,
    large_main: scale.largeMain,
    large_second: scale.largeSecond,
    patients_per_clinician: scale.patientsPerClinician,
    user_patients: scale.userPatients,
    appointments: scale.appointments,
    past_days: scale.pastDays,
    future_days: scale.futureDays,
    race_clinicians: scale.raceClinicians,
    race_patients: scale.racePatients,
    race_machines: scale.raceMachines,
  };
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'tag' && !(Number.isInteger(value) && (value as number) >= 0)) throw new Error(`bench scale: ${key} must be a whole number`);
  }
  const text = readFileSync(sqlFile, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`bench/generate.sql: unknown placeholder {{${key}}}`);
    return String(values[key]);
  });
  return text.split(/^-- step: /m).slice(1).map((chunk) => {
    const newline = chunk.indexOf('\n');
    return { name: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1) };
  });
}

/** Generates the dataset `tag` at `scale`; `admin` must connect as a superuser. */
export async function generate(admin: Sql, scale: Scale, tag: string, log: (line: string) => void = () => {}): Promise<Generated> {
  const steps: Record<string, number> = {};
  const started = process.hrtime.bigint();
  const conn = await admin.reserve();
  try {
    for (const step of render(scale, tag)) {
      const t0 = process.hrtime.bigint();
      await conn.unsafe(step.sql).simple();
      steps[step.name] = round(ms(t0) / 1000);
      log(`  generate ${step.name}: ${steps[step.name]} s`);
    }
  } finally {
    await conn.unsafe('reset session_replication_role').catch(() => {});
    conn.release();
  }
  const load = round(ms(started) / 1000);
  const t1 = process.hrtime.bigint();
  await admin.unsafe('vacuum (analyze)').simple();
  const vacuumAnalyze = round(ms(t1) / 1000);
  log(`  vacuum analyze: ${vacuumAnalyze} s`);
  return { ...(await describeDataset(admin, tag)), seconds: { load, vacuumAnalyze, steps } };
}

/** Counts the rows of dataset `tag` (e.g. one generated earlier, for `--reuse`). */
export async function describeDataset(admin: Sql, tag: string): Promise<Generated> {
  const tenantIds = admin`select id from public.tenants where slug like ${`bench-${tag}-%`}`;
  const [c] = await admin<Array<Generated['counts']>>`
    select (select count(*) from public.tenants where id in (${tenantIds}))::int as tenants,
           (select count(*) from public.centres where tenant_id in (${tenantIds}))::int as centres,
           (select count(*) from public.clinicians where tenant_id in (${tenantIds}))::int as clinicians,
           (select count(*) from public.patients where tenant_id in (${tenantIds}))::int as patients,
           (select count(*) from public.appointments where tenant_id in (${tenantIds}))::int as appointments,
           (select count(*) from public.availability_rules where tenant_id in (${tenantIds}))::int as "availabilityRules",
           (select count(*) from auth.users where email like ${`%@${tag}.bench.slotbase.test`})::int as users`;
  const statusRows = await admin<Array<{ status: string; n: number }>>`
    select status::text, count(*)::int as n from public.appointments where tenant_id in (${tenantIds}) group by 1 order by 1`;
  const [all] = await admin<Array<{ n: number }>>`select count(*)::int as n from public.appointments`;
  return {
    tag,
    counts: c!,
    statuses: Object.fromEntries(statusRows.map((r) => [r.status, r.n])),
    tableAppointments: all!.n,
    seconds: { load: 0, vacuumAnalyze: 0, steps: {} },
  };
}

/**
 * Deletes every row of dataset `tag`: every public table with a tenant_id (bar the append-only
 * audit_log), the tenants, and the users. Runs with triggers off (superuser), like the load.
 */
export async function removeDataset(admin: Sql, tag: string): Promise<void> {
  checkTag(tag);
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    const ids = (await tx<Array<{ id: string }>>`select id from public.tenants where slug like ${`bench-${tag}-%`}`).map((r) => r.id);
    if (ids.length > 0) {
      const tables = await tx<Array<{ table_name: string }>>`
        select c.table_name from information_schema.columns as c
        join information_schema.tables as t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
          and c.table_name <> 'audit_log'`;
      for (const { table_name } of tables) {
        await tx.unsafe(`delete from public."${table_name.replace(/"/g, '""')}" where tenant_id = any($1::uuid[])`, [ids]);
      }
      await tx`delete from private.next_free_slots_cache where tenant_id = any(${ids}::uuid[])`;
      await tx`delete from public.tenants where id = any(${ids}::uuid[])`;
    }
    await tx`delete from auth.users where email like ${`%@${tag}.bench.slotbase.test`}`;
  });
}
