// docs/access-matrix.md, generated: every public table and view x command x role, with the rules
// behind each cell. Sources, and nothing else:
//   * the matrix cells, role columns and private-function caller paths are data in
//     supabase/tests/_setup/access_matrix.sql and private_function_grants.sql, which the pgTAP
//     tests check cell by cell against the catalogue and by running each probe
//     (supabase/tests/access_matrix/, supabase/tests/api_surface/);
//   * everything else comes from the database catalogue: grants, policies and their comments,
//     table comments, the role sets and the access helpers' comments.
// `npm test` renders the page from its test database and fails when the committed file differs.
//
// Usage: npm run docs:access-matrix            (builds a throwaway database, writes the page)
//        npm run docs:access-matrix -- --check (exit 1 when the committed page is stale)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { dbUrl, repoRoot, testsDir } from '../local/stack/config.ts';
import { fail, info } from '../local/stack/log.ts';
import { type Cluster, psql } from '../local/stack/postgres.ts';
import { withThrowawayDatabase } from '../local/stack/throwaway.ts';

export const accessMatrixFile = join(repoRoot, 'docs', 'access-matrix.md');

const commands = ['select', 'insert', 'update', 'delete'] as const;
const apiRoles = ['anon', 'authenticated', 'service_role'] as const;

interface Column { ordinal: number; column_key: string; who: string; label: string; description: string }
interface MatrixRow { table_name: string; command: string; cells: string[] }
interface Relation { name: string; kind: string; comment: string | null }
interface Policy { table_name: string; name: string; command: string; roles: string; comment: string | null }
interface Grant { table_name: string; role: string; privilege: string; columns: string | null }
interface RoleSet { name: string; roles: string; comment: string | null }
interface Helper { signature: string; comment: string | null }
interface FunctionGrant { function_signature: string; grantees: string; caller_path: string }

/** Loads the pgTAP helpers and the matrix data (supabase/tests/_setup) into a database. */
export function loadTestSetup(cluster: Cluster): void {
  psql(cluster, 'postgres', ['-c', 'create extension if not exists pgtap with schema extensions']);
  const setupDir = join(testsDir, '_setup');
  for (const file of readdirSync(setupDir).filter((f) => f.endsWith('.sql')).sort()) {
    psql(cluster, 'postgres', ['-f', join(setupDir, file)]);
  }
}

/** The page, rendered from a database that has the migrations and the test setup loaded. */
export async function renderAccessMatrix(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const columns = await sql.unsafe<Column[]>('select * from tests.access_matrix_columns() order by ordinal');
    const matrix = await sql.unsafe<MatrixRow[]>('select table_name, command, cells from tests.access_matrix_expected()');
    const relations = await sql.unsafe<Relation[]>(`
      select c.relname::text as name, case c.relkind when 'v' then 'view' else 'table' end as kind,
             pg_catalog.obj_description(c.oid, 'pg_class') as comment
      from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1`);
    const policies = await sql.unsafe<Policy[]>(`
      select p.tablename::text as table_name, p.policyname::text as name, lower(p.cmd) as command,
             array_to_string(p.roles, ', ') as roles, pg_catalog.obj_description(pol.oid, 'pg_policy') as comment
      from pg_catalog.pg_policies as p
      join pg_catalog.pg_policy as pol on pol.polname = p.policyname and pol.polrelid = (quote_ident(p.schemaname) || '.' || quote_ident(p.tablename))::regclass
      where p.schemaname = 'public'
      order by 1, case lower(p.cmd) when 'select' then 1 when 'insert' then 2 when 'update' then 3 when 'delete' then 4 else 5 end, 2`);
    const grants = await sql.unsafe<Grant[]>(`
      with rel as (
        select c.oid, c.relname::text as table_name from pg_catalog.pg_class as c
        join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm'))
      select rel.table_name, r.role, p.privilege,
             case when pg_catalog.has_table_privilege(r.role, rel.oid, p.privilege) then null
                  else (select string_agg(a.attname::text, ', ' order by a.attnum) from pg_catalog.pg_attribute as a
                        where a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped
                          and pg_catalog.has_column_privilege(r.role, rel.oid, a.attnum, p.privilege)) end as columns
      from rel
      cross join (values ('anon'), ('authenticated'), ('service_role')) as r(role)
      cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) as p(privilege)
      where pg_catalog.has_table_privilege(r.role, rel.oid, p.privilege)
         or (p.privilege <> 'DELETE' and pg_catalog.has_any_column_privilege(r.role, rel.oid, p.privilege))
      order by 1, 2, case p.privilege when 'SELECT' then 1 when 'INSERT' then 2 when 'UPDATE' then 3 else 4 end`);
    const sets = await sql.unsafe<RoleSet[]>(`
      select p.proname::text as name, pg_catalog.obj_description(p.oid, 'pg_proc') as comment, ''::text as roles
      from pg_catalog.pg_proc as p join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.pronargs = 0 and p.prorettype = 'public.staff_role[]'::regtype
      order by 1`);
    for (const set of sets) {
      const [row] = await sql.unsafe<{ roles: string }[]>(`select array_to_string(private.${set.name}(), ', ') as roles`);
      set.roles = row?.roles ?? '';
    }
    const helpers = await sql.unsafe<Helper[]>(`
      select p.oid::regprocedure::text as signature, pg_catalog.obj_description(p.oid, 'pg_proc') as comment
      from pg_catalog.pg_proc as p join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.prorettype <> 'public.staff_role[]'::regtype
        and exists (select 1 from pg_catalog.pg_policy as pol
                    where coalesce(pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), '') || ' ' || coalesce(pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid), '')
                          ~ ('private\\.' || p.proname || '\\('))
      order by 1`);
    const functionGrants = await sql.unsafe<FunctionGrant[]>('select * from tests.private_function_grants() order by 1');
    return render({ columns, matrix, relations, policies, grants, sets, helpers, functionGrants });
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function render(data: {
  columns: Column[]; matrix: MatrixRow[]; relations: Relation[]; policies: Policy[]; grants: Grant[];
  sets: RoleSet[]; helpers: Helper[]; functionGrants: FunctionGrant[];
}): string {
  const { columns, matrix, relations, policies, grants, sets, helpers, functionGrants } = data;
  const out: string[] = [];
  const line = (text = '') => out.push(text);

  line('# Access matrix');
  line();
  line('<!-- Generated by scripts/access-matrix.ts (npm run docs:access-matrix). Do not edit: `npm test` fails when this');
  line('     page differs from what the database and its tests say. -->');
  line();
  line('Who may do what to every table and view of the Data API, as the database enforces it: table and column');
  line('grants (no grant: `42501 permission denied`), row-level security policies (one per table × command × role),');
  line('and a few guard triggers. Policies never read JWT claims or `user_metadata`: every statement consults');
  line('`public.members` / `public.member_roles` / `public.patients` through the access helpers in `private`, so');
  line('deactivating a member, removing a role or suspending a tenant takes effect on the very next statement.');
  line();
  line('Every cell below is checked by pgTAP: cells of a role without the privilege and of `service_role` against');
  line('the catalogue, every other cell by running a probe as that role on a fixture and counting the rows of');
  line('tenant A it reads or changes (`supabase/tests/access_matrix/`, data in `supabase/tests/_setup/access_matrix.sql`).');
  line('The policy texts, grants, role sets and helpers are read from the catalogue.');
  line();
  line('## Roles (columns)');
  line();
  line('| column | who | test user |');
  line('|---|---|---|');
  for (const c of columns) line(`| **${c.label}** | ${escapeCell(c.description)} | \`${c.who}\` |`);
  line();
  line('"Staff" = an **active** member (`members.is_active`) holding **at least one** role. A role is held tenant-wide');
  line('or at one centre (`member_roles.centre_id`). Writes also need the tenant to be active: staff of a suspended');
  line('tenant keep read access only.');
  line();
  line('Legend: ✅ allowed for every row of tenant A the probe touches (insert: succeeds) · ◐ allowed for some of them');
  line('(the note says which) · ∅ RLS hides them: select returns nothing, update/delete change **zero rows**, no error ·');
  line('⛔ refused with an error: `42501` (no grant, or an insert RLS refuses) unless another SQLSTATE is shown.');
  line();
  line('## Least privilege inside a tenant');
  line();
  line('- **Tenant-wide staff** see every patient, appointment, payment and waitlist entry of the tenant.');
  line('- **Centre-scoped staff** (roles held only at some centres) see those of their centres. A patient **belongs to a');
  line('  centre** when registered there (`patients.registered_centre_id`), with an appointment there (any status, past or');
  line('  future) or on its waitlist; centre-scoped front office staff register patients at one of their centres.');
  line('- **Clinicians** see their own appointments and the patients **in their care**: an appointment with them that is');
  line('  not cancelled or entered in error. They read the clinical notes they wrote, and notes that are not restricted');
  line('  about patients in their care, shared with them (`medical_note_shares`) or opened by their **break-glass**');
  line('  access (`break_glass_accesses`: a reason is required, it lasts one hour, it is audited and owners and admins');
  line('  review it). A note marked `is_restricted` is read by its author only. Owners and admins read no notes.');
  line('- **The audit log** shows owners and admins who did what and when; personal and clinical values read');
  line('  `"[redacted]"` there, and their values (`audit_log_values`) show only for rows the reader can read themself.');
  line();
  line('The helpers that decide it (each rule written once; policies call them):');
  line();
  line('| helper | what it answers |');
  line('|---|---|');
  for (const h of helpers) line(`| \`${h.signature}\` | ${escapeCell(h.comment ?? '')} |`);
  line();
  line('## Role sets');
  line();
  line('Policies name the set of roles a rule means, never the roles themselves:');
  line();
  line('| role set | roles | used for |');
  line('|---|---|---|');
  for (const s of sets) line(`| \`private.${s.name}()\` | ${s.roles} | ${escapeCell(s.comment ?? '')} |`);
  line();
  line('## Tables and views');
  line();
  line(relations.map((r) => `[${r.name}](#${r.name})`).join(' · '));
  for (const relation of relations) {
    line();
    line(`### ${relation.name}`);
    line();
    if (relation.comment) line(`${relation.kind === 'view' ? 'View' : 'Table'}: ${relation.comment}`);
    line();
    line(`| | ${columns.map((c) => c.label).join(' | ')} |`);
    line(`|---|${columns.map(() => '---').join('|')}|`);
    for (const command of commands) {
      const row = matrix.find((m) => m.table_name === relation.name && m.command === command);
      if (!row) throw new Error(`the access matrix has no ${command} row for ${relation.name}`);
      line(`| ${command} | ${row.cells.map(escapeCell).join(' | ')} |`);
    }
    const tablePolicies = policies.filter((p) => p.table_name === relation.name);
    line();
    if (tablePolicies.length > 0) {
      line('Policies:');
      line();
      for (const p of tablePolicies) line(`- \`${p.name}\` (${p.command}, ${p.roles}): ${p.comment ?? ''}`);
    } else {
      line(relation.kind === 'view' ? 'Policies: those of its tables (security invoker view).' : 'Policies: none (only service_role, which bypasses RLS, reaches its rows).');
    }
    line();
    const tableGrants = grants.filter((g) => g.table_name === relation.name);
    const byRole = apiRoles.map((role) => {
      const list = tableGrants.filter((g) => g.role === role)
        .map((g) => g.columns ? `${g.privilege.toLowerCase()} (${g.columns})` : g.privilege.toLowerCase());
      return `${role}: ${list.length > 0 ? list.join(', ') : 'nothing'}`;
    });
    line(`Grants: ${byRole.join(' · ')}.`);
  }
  line();
  line('## Private functions the API roles may execute');
  line();
  line('Security-definer functions live in `private`, which the Data API does not serve. A role may execute a private');
  line('function only where the function runs as that role; every other private function is executable by no API role');
  line('(`supabase/tests/api_surface/every_private_function_is_executable_only_by_the_roles_that_call_it.test.sql`).');
  line();
  line('| function | roles | caller path |');
  line('|---|---|---|');
  for (const f of functionGrants) line(`| \`${f.function_signature}\` | ${f.grantees.replaceAll(',', ', ')} | ${escapeCell(f.caller_path)} |`);
  line();
  return out.join('\n');
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const rendered = await withThrowawayDatabase('access-matrix', { seed: false }, async (cluster) => {
    loadTestSetup(cluster);
    return renderAccessMatrix(dbUrl(cluster.port));
  });
  const committed = existsSync(accessMatrixFile) ? readFileSync(accessMatrixFile, 'utf8') : '';
  if (check) {
    if (rendered !== committed) fail(new Error('docs/access-matrix.md is stale: run `npm run docs:access-matrix` and commit it'));
    info('docs/access-matrix.md is up to date');
    return;
  }
  writeFileSync(accessMatrixFile, rendered);
  info(`wrote ${accessMatrixFile}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch(fail);
}
