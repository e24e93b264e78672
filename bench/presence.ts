// Clinic presence benchmark (docs/benchmarks.md "Clinic presence"): what a clinic's website and
// front desk call most, the way PostgREST calls them (a transaction as the caller, grants and RLS
// included; server time = EXPLAIN (ANALYZE, TIMING OFF) Planning + Execution Time of the same
// statement, the client round trip of a plain call alongside):
//   * centre_public_page for the 50-clinician centre of tenant 1, as anon: with the next free
//     slots warm (target: median <= 20 ms) and cold (every next free slot computed live);
//   * search_directory as anon: text over every clinic, text in one clinic, language near a point;
//   * search_patients as tenant 1's front desk over the dataset's ~200,000 patients: part of a
//     name, a full name, part of an e-mail, phone digits (target: median <= 10 ms), and a
//     misspelling that no record contains (the close-spelling fallback; no target).
// The generated dataset has no profile data, so prepareProfileData gives it some first
// (deterministic, idempotent, triggers skipped like the generator): coordinates for every centre
// (around ten cities), a specialisation and sometimes a second language for every clinician, two
// departments at tenant 1's centre 1, a review for every fifth fulfilled appointment of tenant 1,
// and names and e-mail addresses like real ones for every patient (the generator's "Patient t-n"
// all share their trigrams, which no front desk's patient list does).
import { inTransaction, roundSummary } from './analytics.ts';
import { type Caller, type Scale, type Sql, type Summary, benchId, ms, summarise } from './lib.ts';

export interface PresenceCase {
  name: string;
  caller: string;
  statement: string;
  iterations: number;
  serverMs: Summary;
  clientMs: Summary;
  /** rows (or page clinicians) returned per call */
  rows: number;
  target: number | null;
}

export interface PresenceBench {
  tenant: { slug: string; centreSlug: string; clinicians: number; patientsInTenant: number; patientsInTable: number; reviews: number };
  cases: PresenceCase[];
}

export function presenceIterations(scale: Scale): { iterations: number; warmup: number } {
  if (scale.name === 'full') return { iterations: 50, warmup: 5 };
  if (scale.name === 'small') return { iterations: 10, warmup: 2 };
  return { iterations: 2, warmup: 1 };
}

interface Plan {
  'Execution Time': number;
  'Planning Time': number;
}

export async function benchPresence(admin: Sql, api: Sql, tag: string, scale: Scale): Promise<PresenceBench> {
  const tenantId = benchId(tag, 'tenant', 1);
  const centreId = benchId(tag, 'centre', 1, 1);
  const deskId = benchId(tag, 'user-desk', 1);
  const [tenant] = await admin<Array<{ slug: string; centre_slug: string; clinicians: number; patients: number; all_patients: number }>>`
    select t.slug, c.slug as centre_slug,
           (select count(*)::int from public.clinician_centres as cc where cc.tenant_id = t.id and cc.centre_id = c.id) as clinicians,
           (select count(*)::int from public.patients as p where p.tenant_id = t.id) as patients,
           (select count(*)::int from public.patients) as all_patients
    from public.tenants as t join public.centres as c on c.tenant_id = t.id and c.id = ${centreId}
    where t.id = ${tenantId}`;
  if (!tenant) throw new Error(`presence: tenant 1 of dataset ${tag} not found (generate it first)`);
  const reviews = await prepareProfileData(admin, tag, tenantId, centreId);
  const [patient] = await admin<Array<{ full_name: string; phone: string; email: string }>>`
    select full_name, phone, email from public.patients where tenant_id = ${tenantId} and user_id is null order by id limit 1 offset 100`;
  const emailPart = patient!.email.split('@')[0]!.slice(-8);
  const [first, last] = patient!.full_name.split(' ') as [string, string];
  const misspelt = last.length > 4 ? last.slice(0, 2) + last[3] + last[2] + last.slice(4) : `${last}x`;

  const anon: Caller = { role: 'anon' };
  const desk: Caller = { role: 'authenticated', sub: deskId };
  const page = `select public.centre_public_page('${tenant.slug}', '${tenant.centre_slug}')`;
  const digits = patient!.phone.slice(-7);
  const cases: Array<Omit<PresenceCase, 'iterations' | 'serverMs' | 'clientMs' | 'rows'> & { before?: () => Promise<unknown> }> = [
    { name: 'centre_public_page, next free slots warm', caller: 'anon', statement: page, target: 20,
      before: () => admin`select private.refresh_next_free_slots(1, ${centreId})` },
    { name: 'centre_public_page, next free slots cold (computed live)', caller: 'anon', statement: page, target: null,
      before: () => admin`delete from private.next_free_slots_cache where centre_id = ${centreId}` },
    { name: "search_directory 'cardio', every clinic", caller: 'anon', statement: `select * from public.search_directory('cardio')`, target: null },
    { name: "search_directory 'dermatology', one clinic", caller: 'anon', statement: `select * from public.search_directory('dermatology', tenant_id => '${tenantId}')`, target: null },
    { name: "search_directory language 'hi' within 25 km of central London", caller: 'anon',
      statement: `select * from public.search_directory(language => 'hi', latitude => 51.5074, longitude => -0.1278, within_km => 25)`, target: null },
    { name: `search_patients part of a name ('${last.slice(0, 4)}')`, caller: 'front desk',
      statement: `select * from public.search_patients('${tenantId}', '${last.slice(0, 4)}')`, target: 10 },
    { name: `search_patients full name ('${first} ${last}')`, caller: 'front desk',
      statement: `select * from public.search_patients('${tenantId}', '${first} ${last}')`, target: 10 },
    { name: `search_patients part of an e-mail ('${emailPart}')`, caller: 'front desk',
      statement: `select * from public.search_patients('${tenantId}', '${emailPart}')`, target: 10 },
    { name: `search_patients misspelt, nothing contains it ('${misspelt}')`, caller: 'front desk',
      statement: `select * from public.search_patients('${tenantId}', '${misspelt}')`, target: null },
    { name: `search_patients phone digits ('${digits}')`, caller: 'front desk',
      statement: `select * from public.search_patients('${tenantId}', '${digits}')`, target: 10 },
  ];

  const { iterations, warmup } = presenceIterations(scale);
  const conn = await api.reserve();
  const results: PresenceCase[] = [];
  try {
    for (const c of cases) {
      await c.before?.();
      const caller = c.caller === 'anon' ? anon : desk;
      const server: number[] = [];
      const client: number[] = [];
      let rows = 0;
      for (let i = 0; i < warmup + iterations; i++) {
        const t0 = process.hrtime.bigint();
        const result = await inTransaction(conn, caller, () => conn.unsafe(c.statement));
        const clientMs = ms(t0);
        const plan = await inTransaction(conn, caller, async () => {
          const [row] = await conn.unsafe<Array<{ 'QUERY PLAN': Plan[] }>>(`explain (analyze, timing off, format json) ${c.statement}`);
          return row!['QUERY PLAN'][0]!;
        });
        if (i < warmup) continue;
        server.push(plan['Planning Time'] + plan['Execution Time']);
        client.push(clientMs);
        const first = result[0] as Record<string, unknown> | undefined;
        rows = first && 'centre_public_page' in first
          ? ((first.centre_public_page as { clinicians: unknown[] }).clinicians.length)
          : result.length;
      }
      results.push({ name: c.name, caller: c.caller, statement: c.statement, target: c.target, iterations,
        serverMs: roundSummary(summarise(server)), clientMs: roundSummary(summarise(client)), rows });
    }
  } finally {
    conn.release();
  }
  return {
    tenant: { slug: tenant.slug, centreSlug: tenant.centre_slug, clinicians: tenant.clinicians, patientsInTenant: tenant.patients,
              patientsInTable: tenant.all_patients, reviews },
    cases: results,
  };
}

/**
 * Profile data the generator does not make, as the bootstrap superuser with row triggers
 * skipped: coordinates for every centre of the dataset (within ~20 km of one of ten cities,
 * by a hash of the id), a specialisation for every clinician and Hindi for every seventh, two
 * departments at tenant 1's centre 1 (all its clinicians; those offering the ultrasound scan),
 * a review (1-5 stars) of every fifth fulfilled appointment of tenant 1, and a first and last name
 * (40 x 50 common names of many countries) and an e-mail address for every patient. Returns
 * tenant 1's published reviews.
 */
export async function prepareProfileData(admin: Sql, tag: string, tenantId: string, centreId: string): Promise<number> {
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      update public.centres as c
      set latitude = (x.lat + ((abs(hashtext(c.id::text)) % 4000) - 2000) / 10000.0)::numeric(8, 6),
          longitude = (x.lon + ((abs(hashtext(c.id::text || 'lon')) % 4000) - 2000) / 10000.0)::numeric(9, 6)
      from public.tenants as t,
           lateral (select (array[51.5074, 40.7128, -33.8688, 52.5200, 34.0522, 28.6139, -36.8485, -23.5505, 35.6762, -26.2041])[1 + abs(hashtext(t.id::text)) % 10] as lat,
                           (array[-0.1278, -74.0060, 151.2093, 13.4050, -118.2437, 77.2090, 174.7633, -46.6333, 139.6503, 28.0473])[1 + abs(hashtext(t.id::text)) % 10] as lon) as x
      where t.id = c.tenant_id and t.slug like ${`bench-${tag}-%`} and c.latitude is null`;
    await tx`
      update public.clinicians as c
      set specialisations = array[(array['General practice', 'Cardiology', 'Dermatology', 'Paediatrics', 'Physiotherapy',
                                         'Gynaecology', 'Orthopaedics', 'Psychiatry', 'Ophthalmology', 'ENT'])[1 + abs(hashtext(c.id::text)) % 10]],
          languages = case when abs(hashtext(c.id::text || 'lang')) % 7 = 0 then '{en, hi}'::public.language_tag[] else c.languages end
      from public.tenants as t
      where t.id = c.tenant_id and t.slug like ${`bench-${tag}-%`} and c.specialisations = '{}'`;
    await tx`
      insert into public.departments (tenant_id, id, centre_id, name, slug, display_order)
      values (${tenantId}, md5('bench-dept-gp:' || ${centreId}::text)::uuid, ${centreId}, 'General practice', 'general-practice', 1),
             (${tenantId}, md5('bench-dept-scan:' || ${centreId}::text)::uuid, ${centreId}, 'Ultrasound', 'ultrasound', 2)
      on conflict do nothing`;
    await tx`
      insert into public.department_clinicians (tenant_id, department_id, clinician_id)
      select cc.tenant_id, md5('bench-dept-gp:' || ${centreId}::text)::uuid, cc.clinician_id
      from public.clinician_centres as cc where cc.tenant_id = ${tenantId} and cc.centre_id = ${centreId}
      on conflict do nothing`;
    await tx`
      insert into public.department_clinicians (tenant_id, department_id, clinician_id)
      select cs.tenant_id, md5('bench-dept-scan:' || ${centreId}::text)::uuid, cs.clinician_id
      from public.clinician_services as cs
      join public.services as s on s.tenant_id = cs.tenant_id and s.id = cs.service_id and s.name = 'Ultrasound scan'
      join public.clinician_centres as cc on cc.tenant_id = cs.tenant_id and cc.clinician_id = cs.clinician_id and cc.centre_id = ${centreId}
      where cs.tenant_id = ${tenantId}
      on conflict do nothing`;
    await tx`
      insert into public.reviews (tenant_id, id, appointment_id, clinician_id, patient_id, rating, body, created_at)
      select a.tenant_id, md5('bench-review:' || a.id::text)::uuid, a.id, a.clinician_id, a.patient_id,
             1 + abs(hashtext(a.id::text)) % 5, 'Bench review', a.ends_at + interval '1 day'
      from public.appointments as a
      where a.tenant_id = ${tenantId} and a.status = 'fulfilled' and abs(hashtext(a.id::text || 'review')) % 5 = 0
      on conflict do nothing`;
    await tx`
      update public.patients as p
      set full_name = n.first || ' ' || n.last,
          email = lower(n.first || '.' || n.last || '.' || (abs(hashtext(p.id::text || 'mail')) % 1000)::text) || '@example.test'
      from (
        select q.tenant_id, q.id,
               (array['Amira', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Farah', 'George', 'Hana', 'Ivan', 'Julia', 'Kwame', 'Laura',
                      'Mohammed', 'Nina', 'Oliver', 'Priya', 'Quentin', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena',
                      'Yusuf', 'Zoe', 'Arjun', 'Beatriz', 'Carlos', 'Dmitri', 'Emily', 'Fatima', 'Grace', 'Hiroshi', 'Ines',
                      'Jamal', 'Keiko', 'Leo', 'Maya', 'Noah'])[1 + abs(hashtext(q.id::text || 'first')) % 40] as first,
               (array['Smith', 'Patel', 'Kowalska', 'Garcia', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Haddad', 'Kim', 'Silva',
                      'Novak', 'Chen', 'Mensah', 'Johansson', 'Murphy', 'Sharma', 'Dubois', 'Tanaka', 'Costa', 'Yilmaz', 'Brown',
                      'Ivanova', 'Lopez', 'Nair', 'Hughes', 'Fischer', 'Moreau', 'Singh', 'Williams', 'Ahmed', 'Mueller', 'Ortiz',
                      'Reid', 'Khan', 'Wright', 'Martins', 'Diaz', 'Liu', 'Shah', 'Alvarez', 'Brooks', 'Whitfield', 'Mwangi',
                      'Sato', 'Larsen', 'Petrov', 'Romano', 'Kaur', 'Walsh'])[1 + abs(hashtext(q.id::text || 'last')) % 50] as last
        from public.patients as q
        join public.tenants as t on t.id = q.tenant_id
        where t.slug like ${`bench-${tag}-%`} and q.full_name like 'Patient %'
      ) as n
      where p.tenant_id = n.tenant_id and p.id = n.id`;
  });
  for (const table of ['centres', 'clinicians', 'departments', 'department_clinicians', 'reviews', 'patients']) await admin.unsafe(`analyze public.${table}`);
  const [row] = await admin<Array<{ n: number }>>`select count(*)::int as n from public.reviews where tenant_id = ${tenantId} and status = 'published'`;
  return row!.n;
}

/** The clinic presence table of docs/benchmarks.md. */
export function presenceTable(p: PresenceBench): string {
  const rows = [
    `Tenant ${p.tenant.slug}, centre ${p.tenant.centreSlug} (${p.tenant.clinicians} clinicians, ${p.tenant.reviews} published reviews); ${p.tenant.patientsInTenant} patients in the tenant, ${p.tenant.patientsInTable} in the table.`,
    '',
    '| call | caller | server median | server p95 | client median | rows | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const c of p.cases) {
    const verdict = c.target === null ? '' : `≤ ${c.target} ms: ${c.serverMs.median <= c.target ? 'met' : '**missed**'}`;
    rows.push(`| ${c.name} | ${c.caller} | ${c.serverMs.median} ms | ${c.serverMs.p95} ms | ${c.clientMs.median} ms | ${c.rows} | ${verdict} |`);
  }
  return rows.join('\n');
}
