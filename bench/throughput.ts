// Booking throughput: public.book_appointment called by signed-in patients and front-desk staff
// (one PostgREST-style transaction per call) against a plain single-row INSERT into
// public.appointments as service_role (same table, same triggers), both with the same number of
// concurrent clients, on free slots, in the same run. Phases alternate (insert, book, insert,
// book) so drift hits both; the ratio is book_appointment's rate over the insert's.
import { randomUUID } from 'node:crypto';
import { type Caller, type PgError, type Scale, type Sql, actAs, ms, prng, round } from './lib.ts';

export interface Slot {
  tenantId: string;
  clinicianId: string;
  centreId: string;
  serviceId: string;
  startsAt: Date;
  deskUserId: string;
  patientUserIds: string[];
  patientIds: string[];
}

export interface Job {
  slot: Slot;
  caller: Caller;
  /** the patient of the appointment; passed to book_appointment only when staff book */
  patientId: string;
  staff: boolean;
}

export interface PhaseResult {
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  perSecond: number;
}

export interface ThroughputBench {
  clients: number;
  bookAppointment: PhaseResult;
  plainInsert: PhaseResult;
  /** book_appointment per second / plain insert per second */
  ratio: number;
}

/**
 * Free Consultation slots of the first `perTenant` clinicians of every tenant, 2-40 days ahead,
 * inside their open hours (private.clinician_open_windows), overlapping no occupying
 * appointment (of the clinician, or of the tenant's patients with a login), at most one per
 * tenant and instant (so a patient never meets themself), in a fixed pseudo-random order.
 */
export async function freeSlots(admin: Sql, tag: string, count: number, perTenant: number): Promise<Slot[]> {
  return admin<Slot[]>`
    with cl as (
      select t.id as tenant_id, c.id as clinician_id, cc.centre_id, s.id as service_id,
             row_number() over (partition by t.id order by c.id) as rn
      from public.tenants as t
      join public.clinicians as c on c.tenant_id = t.id
      join public.clinician_centres as cc on cc.tenant_id = c.tenant_id and cc.clinician_id = c.id
      join public.services as s on s.tenant_id = t.id and s.name = 'Consultation'
      where t.slug like ${`bench-${tag}-%`} and t.slug <> ${`bench-${tag}-race`}
    ),
    people as (
      select p.tenant_id, array_agg(p.user_id order by p.id) as user_ids, array_agg(p.id order by p.id) as patient_ids
      from public.patients as p
      where p.user_id is not null and p.tenant_id in (select tenant_id from cl)
      group by p.tenant_id
    ),
    slots as (
      select distinct on (cl.tenant_id, st.starts_at) cl.tenant_id, cl.clinician_id, cl.centre_id, cl.service_id, st.starts_at
      from cl
      join people as pp on pp.tenant_id = cl.tenant_id
      cross join lateral private.clinician_open_windows(cl.tenant_id, cl.clinician_id, cl.centre_id,
        tstzrange(date_trunc('day', now()) + interval '2 days', date_trunc('day', now()) + interval '40 days')) as w (w)
      cross join lateral generate_series(lower(w.w), upper(w.w) - interval '30 minutes', interval '1 hour') as st (starts_at)
      where cl.rn <= ${perTenant}
        and not exists (
          select 1 from public.appointments as a
          where a.tenant_id = cl.tenant_id and a.clinician_id = cl.clinician_id and private.status_occupies(a.status)
            and a.occupied && tstzrange(st.starts_at, st.starts_at + interval '40 minutes'))
        -- (a dataset reused by --reuse: the patients with a login may have booked in an earlier run)
        and not exists (
          select 1 from public.appointments as a
          where a.tenant_id = cl.tenant_id and a.patient_id = any (pp.patient_ids) and private.status_occupies(a.status)
            and tstzrange(a.starts_at, a.ends_at) && tstzrange(st.starts_at, st.starts_at + interval '30 minutes'))
      order by cl.tenant_id, st.starts_at, md5(cl.clinician_id::text)
    ),
    desks as (
      select m.tenant_id, min(m.user_id::text)::uuid as user_id
      from public.members as m
      join public.member_roles as r on r.tenant_id = m.tenant_id and r.member_id = m.id and r.role = 'front_desk'
      where m.tenant_id in (select tenant_id from cl)
      group by m.tenant_id
    )
    select s.tenant_id as "tenantId", s.clinician_id as "clinicianId", s.centre_id as "centreId", s.service_id as "serviceId",
           s.starts_at as "startsAt", d.user_id as "deskUserId", p.user_ids as "patientUserIds", p.patient_ids as "patientIds"
    from slots as s
    join people as p on p.tenant_id = s.tenant_id
    join desks as d on d.tenant_id = s.tenant_id
    order by md5(s.clinician_id::text || s.starts_at::text)
    limit ${count}`;
}

/**
 * Half the calls are patients booking for themselves, half front desk booking for a patient. The
 * jobs are split even/odd into book_appointment and insert lists, so who books alternates in
 * pairs: each list gets both kinds.
 */
export function jobsFor(slots: Slot[], seed: number): Job[] {
  const random = prng(seed);
  return slots.map((slot, i) => {
    const k = Math.floor(random() * slot.patientIds.length);
    const staff = Math.floor(i / 2) % 2 === 1;
    return {
      slot,
      staff,
      patientId: slot.patientIds[k]!,
      caller: { role: 'authenticated', sub: staff ? slot.deskUserId : slot.patientUserIds[k]! },
    };
  });
}

async function book(pool: Sql, job: Job): Promise<void> {
  await pool.begin(async (tx) => {
    await actAs(tx, job.caller);
    await tx`select id from public.book_appointment(
      service_id => ${job.slot.serviceId}, clinician_id => ${job.slot.clinicianId}, centre_id => ${job.slot.centreId},
      starts_at => ${job.slot.startsAt}, patient_id => ${job.staff ? job.patientId : null}, client_key => ${randomUUID()})`;
  });
}

async function insert(pool: Sql, job: Job): Promise<void> {
  await pool.begin(async (tx) => {
    await actAs(tx, { role: 'service_role' });
    await tx`insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, status, booked_via, client_key)
             values (${job.slot.tenantId}, ${job.slot.serviceId}, ${job.slot.clinicianId}, ${job.slot.centreId}, ${job.patientId},
                     ${job.slot.startsAt}, ${new Date(job.slot.startsAt.getTime() + 30 * 60_000)}, 'booked', 'staff', ${randomUUID()})
             returning id`;
  });
}

/** Runs the jobs with `clients` concurrent workers; counts successes and errors by SQLSTATE. */
export async function phase(pool: Sql, jobs: Job[], clients: number, run: (pool: Sql, job: Job) => Promise<void>): Promise<PhaseResult> {
  let next = 0;
  let ok = 0;
  const errors: Record<string, number> = {};
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await run(pool, job);
        ok++;
      } catch (error) {
        const key = `${(error as PgError).code ?? '?'} ${(error as PgError).message ?? ''}`.slice(0, 120);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  }));
  const seconds = ms(t0) / 1000;
  return { ok, errors, seconds, perSecond: ok / seconds };
}

/** Two phases as one result. */
export function add(a: PhaseResult, b: PhaseResult): PhaseResult {
  const errors = { ...a.errors };
  for (const [k, v] of Object.entries(b.errors)) errors[k] = (errors[k] ?? 0) + v;
  const seconds = a.seconds + b.seconds;
  const ok = a.ok + b.ok;
  return { ok, errors, seconds: round(seconds, 3), perSecond: round(ok / seconds, 1) };
}

/** `api`: connections as postgres, switching role per request like PostgREST's authenticator; `admin`: superuser. */
export async function benchThroughput(admin: Sql, api: Sql, tag: string, scale: Scale, seed = 3): Promise<ThroughputBench> {
  const clients = scale.throughputClients;
  const warmup = clients * 2;
  const needed = 2 * (scale.throughputOps + warmup);
  const perTenant = Math.max(1, Math.ceil(needed / (scale.tenants * 150)));
  const slots = await freeSlots(admin, tag, needed, perTenant);
  if (slots.length < needed) throw new Error(`throughput: only ${slots.length} free slots found, ${needed} needed`);
  const jobs = jobsFor(slots, seed);
  const rpcJobs = jobs.filter((_, i) => i % 2 === 0);
  const insertJobs = jobs.filter((_, i) => i % 2 === 1);
  const half = Math.floor(scale.throughputOps / 2);
  const chunks = (list: Job[]) => [list.slice(0, warmup), list.slice(warmup, warmup + half), list.slice(warmup + half, warmup + scale.throughputOps)];
  const [rpcWarm, rpcA, rpcB] = chunks(rpcJobs);
  const [insWarm, insA, insB] = chunks(insertJobs);

  await phase(api, insWarm!, clients, insert);
  await phase(api, rpcWarm!, clients, book);
  const insertA = await phase(api, insA!, clients, insert);
  const rpcResultA = await phase(api, rpcA!, clients, book);
  const insertB = await phase(api, insB!, clients, insert);
  const rpcResultB = await phase(api, rpcB!, clients, book);
  const bookAppointment = add(rpcResultA, rpcResultB);
  const plainInsert = add(insertA, insertB);
  return { clients, bookAppointment, plainInsert, ratio: round(bookAppointment.perSecond / plainInsert.perSecond, 3) };
}
