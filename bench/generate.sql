-- Slotbase benchmark data generator (bench/generate.ts runs it; docs/benchmarks.md).
--
-- Set-based and deterministic: every id is md5(tag, kind, numbers)::uuid and every "random"
-- choice is a hash of fixed numbers (pg_temp.u), so the same parameters on the same day give the
-- same dataset. Dates are relative to current_date (bookings must be in the future to be valid).
-- Runs as the bootstrap superuser with session_replication_role = replica: row triggers (audit,
-- history, validation) and foreign-key triggers are skipped for speed, so every derived column is
-- set here (occupied incl. buffers, normalised rrule, zones, currencies, cancelled_at, ...) and
-- the last step checks the foreign keys by hand. CHECK, NOT NULL, unique and EXCLUSION
-- constraints are indexes/row checks and still hold.
--
-- Placeholders (a name in double braces) are replaced by bench/generate.ts with validated numbers and a tag of
-- [a-z0-9]: {{tag}} {{tenants}} {{large_every}} {{small_clinicians}} {{large_main}}
-- {{large_second}} {{patients_per_clinician}} {{user_patients}} {{appointments}} {{past_days}}
-- {{future_days}} {{race_clinicians}} {{race_patients}} {{race_machines}}.
--
-- Shape of a tenant t (1..tenants):
--   * every {{large_every}}-th tenant (t = 1, 1 + large_every, ...) is LARGE: centre 1 with
--     {{large_main}} clinicians (the "any clinician" benchmark centre), centre 2 with
--     {{large_second}}; the others have {{small_clinicians}} clinicians over 2 centres;
--   * zone/currency/locale from a list of 10 (incl. southern Australia/Sydney, Pacific/Auckland,
--     America/Sao_Paulo, Africa/Johannesburg); centres use the tenant's zone;
--   * services S1 Consultation 30 min (+10 after), S2 Follow-up 15 min (+5 after; video in every
--     4th tenant), S3 Extended 45 min (15 before), S4 Ultrasound scan 30 min (+10 after, needs an
--     ultrasound); all public; S1+S2 offered by every clinician, S3 by even, S4 by every third;
--     S2 takes 20 min for every tenth clinician (duration override);
--   * weekly hours: 70% Mon-Fri 09-17, 20% Mon/Wed/Fri 08-16 + Tue/Thu 12-20, 10% Mon-Wed 09-17
--     (rules started up to ~4 years ago); 5% of clinicians take a week off; 3% work extra
--     Saturday mornings; 3 tenant-wide holidays, one more for centre 2;
--   * appointments fill hour cells of working hours from past_days ago to future_days ahead,
--     each appointment's occupied range inside its cell (so none overlap); past mostly fulfilled
--     (84%, 5% no-show, 11% cancelled), future mostly booked (90%, 9% cancelled, 1% pending),
--     busier near today; patients rotate so a patient is never in two cells at once;
--   * {{patients_per_clinician}} x clinicians patients, plus {{user_patients}} patients with a
--     login (never in the bulk, they book in the benchmark), an owner and a front-desk member.
-- Plus one RACE tenant for the double-booking benchmark: {{race_clinicians}} clinicians working
-- every day 06:00-22:00 Europe/London, S1 and S4 (notice 0), {{race_machines}} ultrasound
-- machines, {{race_patients}} patients with logins, two front-desk members, no appointments.

-- step: settings
set session_replication_role = replica;
set maintenance_work_mem = '512MB';
set work_mem = '256MB';
set synchronous_commit = off;
set jit = off;

-- step: helpers
create or replace function pg_temp.bid(kind text, a bigint, b bigint default 0)
returns uuid language sql immutable as
$$ select pg_catalog.md5('slotbase-bench:{{tag}}:' || kind || ':' || a || ':' || b)::uuid $$;
-- a uniform number in [0, 1) from fixed inputs (the same for every tag)
create or replace function pg_temp.u(kind text, a bigint, b bigint default 0, c bigint default 0)
returns float8 language sql immutable as
$$ select ('x' || pg_catalog.substr(pg_catalog.md5(kind || ':' || a || ':' || b || ':' || c), 1, 12))::bit(48)::bigint / 281474976710656.0 $$;

-- step: tenants
create temp table g_tenants on commit preserve rows as
select t,
       pg_temp.bid('tenant', t) as id,
       (t - 1) % {{large_every}} = 0 as is_large,
       (array['Europe/London', 'America/New_York', 'Australia/Sydney', 'Europe/Berlin', 'America/Los_Angeles',
              'Asia/Kolkata', 'Pacific/Auckland', 'America/Sao_Paulo', 'Asia/Tokyo', 'Africa/Johannesburg'])[1 + (t - 1) % 10] as tz,
       (array['GBP', 'USD', 'AUD', 'EUR', 'USD', 'INR', 'NZD', 'BRL', 'JPY', 'ZAR'])[1 + (t - 1) % 10] as currency,
       (array['en-GB', 'en-US', 'en-AU', 'de-DE', 'en-US', 'en-IN', 'en-NZ', 'pt-BR', 'ja-JP', 'en-ZA'])[1 + (t - 1) % 10] as locale,
       case when (t - 1) % {{large_every}} = 0 then {{large_main}} + {{large_second}} else {{small_clinicians}} end as n_clin
from generate_series(1, {{tenants}}) as t;
alter table g_tenants add column n_centres int, add column n_patients int;
update g_tenants set n_centres = case when is_large or n_clin >= 2 then 2 else 1 end, n_patients = {{patients_per_clinician}} * n_clin;
analyze g_tenants;

insert into public.tenants (id, name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon)
select id, 'Bench Clinic ' || t, 'bench-{{tag}}-' || t, tz, currency, locale, '2 hours', '90 days'
from g_tenants;

create temp table g_centres on commit preserve rows as
select g.t, n, g.id as tenant_id, pg_temp.bid('centre', g.t, n) as id, g.tz
from g_tenants as g cross join lateral generate_series(1, g.n_centres) as n;

insert into public.centres (tenant_id, id, name, slug, timezone, city, country_code, opening_hours, is_active, is_published)
select tenant_id, id, 'Centre ' || n, 'centre-' || n, tz, 'Benchtown', 'GB',
       '{"mon": [["08:00", "20:00"]], "tue": [["08:00", "20:00"]], "wed": [["08:00", "20:00"]], "thu": [["08:00", "20:00"]], "fri": [["08:00", "20:00"]], "sat": [["09:00", "13:00"]], "sun": []}',
       true, true
from g_centres;

-- step: clinicians
create temp table g_clinicians on commit preserve rows as
select g.t, c, g.id as tenant_id, pg_temp.bid('clinician', g.t, c) as id,
       case when g.is_large then case when c <= {{large_main}} then 1 else 2 end else 1 + (c - 1) % g.n_centres end as centre_no,
       case when v.u < 0.7 then 'standard' when v.u < 0.9 then 'split' else 'part' end as variant,
       g.tz
from g_tenants as g
cross join lateral generate_series(1, g.n_clin) as c
cross join lateral (select pg_temp.u('variant', g.t, c) as u) as v;
alter table g_clinicians add column centre_id uuid;
update g_clinicians as cl set centre_id = pg_temp.bid('centre', cl.t, cl.centre_no);
analyze g_clinicians;

insert into public.clinicians (tenant_id, id, display_name, title, languages, is_public, is_active)
select tenant_id, id, 'Dr Bench ' || t || '-' || c, 'Dr', '{en}', true, true from g_clinicians;
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
select tenant_id, id, centre_id from g_clinicians;

-- step: catalogue
create temp table g_services on commit preserve rows as
select g.t, s.n, g.id as tenant_id, pg_temp.bid('service', g.t, s.n) as id, s.name, s.duration, s.buf_before, s.buf_after,
       case when s.n = 2 and g.t % 4 = 0 then 'video' else 'in_person' end::public.service_mode as mode,
       s.resource_type, s.price, g.currency
from g_tenants as g
cross join (values (1, 'Consultation', 30, 0, 10, null, 80),
                   (2, 'Follow-up', 15, 0, 5, null, 45),
                   (3, 'Extended consultation', 45, 15, 0, null, 120),
                   (4, 'Ultrasound scan', 30, 0, 10, 'ultrasound', 150))
  as s (n, name, duration, buf_before, buf_after, resource_type, price);
analyze g_services;

insert into public.services (tenant_id, id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                             slot_alignment_minutes, price, currency, mode, required_resource_type, is_public, is_active)
select tenant_id, id, name, duration, buf_before, buf_after, 15, price, currency, mode, resource_type, true, true from g_services;

insert into public.clinician_services (tenant_id, clinician_id, service_id, duration_minutes_override)
select cl.tenant_id, cl.id, s.id, case when s.n = 2 and cl.c % 10 = 1 then 20 end
from g_clinicians as cl
join g_services as s on s.t = cl.t
where s.n in (1, 2) or (s.n = 3 and cl.c % 2 = 0) or (s.n = 4 and cl.c % 3 = 0);

insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
select ce.tenant_id, pg_temp.bid('resource', ce.t, ce.n * 10 + r.k), ce.id, r.kind, r.type, r.name
from g_centres as ce
cross join (values (1, 'room', 'consulting_room', 'Room 1'), (2, 'room', 'consulting_room', 'Room 2'),
                   (3, 'equipment', 'ultrasound', 'Ultrasound')) as r (k, kind, type, name);

-- step: availability
create temp table g_hours (variant text, isodow int, first_hour int, hours int) on commit preserve rows;
insert into g_hours
select 'standard', d, 9, 8 from generate_series(1, 5) as d
union all select 'split', d, 8, 8 from unnest(array[1, 3, 5]) as d
union all select 'split', d, 12, 8 from unnest(array[2, 4]) as d
union all select 'part', d, 9, 8 from generate_series(1, 3) as d;
analyze g_hours;

insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
select cl.tenant_id, pg_temp.bid('rule', cl.t, cl.c * 10 + r.k), cl.id, cl.centre_id, cl.tz, r.local_start, r.local_end,
       private.normalise_rrule(r.rrule, f.valid_from + r.local_start, cl.tz), f.valid_from
from g_clinicians as cl
join (values ('standard', 1, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', time '09:00', time '17:00'),
             ('split', 1, 'FREQ=WEEKLY;BYDAY=MO,WE,FR', time '08:00', time '16:00'),
             ('split', 2, 'FREQ=WEEKLY;BYDAY=TU,TH', time '12:00', time '20:00'),
             ('part', 1, 'FREQ=WEEKLY;BYDAY=MO,TU,WE', time '09:00', time '17:00'))
  as r (variant, k, rrule, local_start, local_end) on r.variant = cl.variant
cross join lateral (
  select current_date - {{past_days}} - 7 - (pg_temp.u('since', cl.t, cl.c) * 1500)::int as valid_from
) as f;

-- extra Saturday mornings for 3% of clinicians, the next 8 Saturdays
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end, timezone)
select cl.tenant_id, pg_temp.bid('override', cl.t, cl.c * 100 + w), cl.id, cl.centre_id,
       current_date + (6 - extract(isodow from current_date)::int + 7) % 7 + 7 * w, '10:00', '13:00', cl.tz
from g_clinicians as cl
cross join generate_series(0, 7) as w
where pg_temp.u('extra', cl.t, cl.c) < 0.03;

-- a week off for 5% of clinicians, somewhere in the bulk period
create temp table g_time_off on commit preserve rows as
select cl.t, cl.c, cl.tenant_id, cl.id as clinician_id, cl.tz,
       current_date - {{past_days}} + (pg_temp.u('off-day', cl.t, cl.c) * ({{past_days}} + {{future_days}} - 7))::int as first_day
from g_clinicians as cl
where pg_temp.u('off', cl.t, cl.c) < 0.05;
analyze g_time_off;
insert into public.time_off (tenant_id, id, clinician_id, during, reason)
select tenant_id, pg_temp.bid('time-off', t, c), clinician_id,
       tstzrange(first_day::timestamp at time zone tz, (first_day + 7)::timestamp at time zone tz, '[)'), 'Annual leave'
from g_time_off;

-- three tenant-wide holidays (one past, two ahead) and one for centre 2
create temp table g_holidays on commit preserve rows as
select g.t, g.id as tenant_id, h.k, case when h.k = 4 then 2 end as centre_no,
       current_date + case h.k
         when 1 then -20 - g.t % 7
         when 2 then 10 + g.t % 11
         when 3 then 45 + g.t % 5
         else 3 + g.t % 9 end as local_date
from g_tenants as g
cross join generate_series(1, 4) as h (k)
where h.k < 4 or g.n_centres >= 2;
analyze g_holidays;
insert into public.holidays (tenant_id, id, centre_id, local_date, name)
select tenant_id, pg_temp.bid('holiday', t, k), case when centre_no is not null then pg_temp.bid('centre', t, centre_no) end,
       local_date, 'Bench holiday ' || k
from g_holidays;

-- step: people
create temp table g_users on commit preserve rows as
select g.t, 'owner' as kind, 0 as k, pg_temp.bid('user-owner', g.t) as id from g_tenants as g
union all
select g.t, 'desk', 0, pg_temp.bid('user-desk', g.t) from g_tenants as g
union all
select g.t, 'patient', k, pg_temp.bid('user-patient', g.t, k) from g_tenants as g cross join generate_series(1, {{user_patients}}) as k;

insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated',
       kind || '-' || k || '-' || t || '@' || '{{tag}}.bench.slotbase.test', now(),
       '{"provider": "email", "providers": ["email"]}', pg_catalog.jsonb_build_object('full_name', 'Bench ' || kind || ' ' || t || '-' || k), now(), now()
from g_users;

insert into public.members (tenant_id, id, user_id, display_name)
select g.id, pg_temp.bid('member-' || u.kind, u.t), u.id, 'Bench ' || u.kind || ' ' || u.t
from g_users as u join g_tenants as g on g.t = u.t
where u.kind in ('owner', 'desk');
insert into public.member_roles (tenant_id, id, member_id, role)
select g.id, pg_temp.bid('role-' || u.kind, u.t), pg_temp.bid('member-' || u.kind, u.t),
       case u.kind when 'owner' then 'owner' else 'front_desk' end::public.staff_role
from g_users as u join g_tenants as g on g.t = u.t
where u.kind in ('owner', 'desk');

-- bulk patients 1..n_patients, then the patients with a login
insert into public.patients (tenant_id, id, user_id, full_name, phone, date_of_birth, consents)
select g.id, pg_temp.bid('patient', g.t, p),
       case when p > g.n_patients then pg_temp.bid('user-patient', g.t, p - g.n_patients) end,
       'Patient ' || g.t || '-' || p,
       '+1555' || pg_catalog.lpad((g.t * 100000 + p)::text, 9, '0'),
       date '1940-01-01' + (pg_temp.u('dob', g.t, p) * 25000)::int,
       '{}'
from g_tenants as g
cross join lateral generate_series(1, g.n_patients + {{user_patients}}) as p;

-- step: appointments
-- Hour cells of working hours (not on holidays or time off); weight: busier near today.
create temp view g_cells as
select cl.t, cl.c, cl.tenant_id, cl.id as clinician_id, cl.centre_id, cl.tz, d.d, h.h,
       (d.d - (current_date - {{past_days}})) as day_no,
       (d.d + pg_catalog.make_time(h.h, 0, 0)) at time zone cl.tz as cell_start,
       case when d.d < current_date then 1.0
            else 1.0 - 0.8 * (d.d - current_date)::float8 / {{future_days}} end as weight
from g_clinicians as cl
cross join lateral generate_series(0, {{past_days}} + {{future_days}}) as dd (n)
cross join lateral (select current_date - {{past_days}} + dd.n as d) as d
join g_hours as gh on gh.variant = cl.variant and gh.isodow = extract(isodow from d.d)
cross join lateral generate_series(gh.first_hour, gh.first_hour + gh.hours - 1) as h (h)
where not exists (select 1 from g_holidays as ho
                  where ho.t = cl.t and ho.local_date = d.d and (ho.centre_no is null or ho.centre_no = cl.centre_no))
  and not exists (select 1 from g_time_off as o
                  where o.t = cl.t and o.c = cl.c and d.d >= o.first_day and d.d < o.first_day + 7);

-- fill factor so that the expected count is 1% above the target
create temp table g_scale on commit preserve rows as
select count(*) as cells, {{appointments}} * 1.01 / sum(weight) as k from g_cells;

insert into public.appointments (
  tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status,
  hold_expires_at, booked_via, meeting_url, cancellation_reason, cancelled_at, cancellation_outcome, created_at, updated_at)
select x.tenant_id, x.id, s.id, x.clinician_id, x.centre_id,
       pg_temp.bid('patient', x.t, 1 + ((x.c - 1) + (x.day_no * 24 + x.h) * 7919) % g.n_patients),
       x.starts_at, x.starts_at + pg_catalog.make_interval(mins => x.duration),
       tstzrange(x.starts_at - pg_catalog.make_interval(mins => s.buf_before),
                 x.starts_at + pg_catalog.make_interval(mins => x.duration + s.buf_after), '[)'),
       x.status::public.appointment_status,
       case when x.status = 'pending' then now() + interval '12 hours' end,
       case when pg_temp.u('via', x.t, x.key) < 0.6 then 'patient' else 'staff' end,
       case when s.mode = 'video' then 'https://meet.jit.si/slotbase-' || x.id end,
       case when x.status = 'cancelled' then 'patient_request' end,
       case when x.status = 'cancelled' then least(now(), x.starts_at - interval '1 day') end,
       case when x.status = 'cancelled' then '{"by": "patient", "late": false, "fee": 0}'::jsonb end,
       x.created_at, x.created_at
from (
  select c.*, svc.n as service_no,
         pg_temp.bid('appointment', c.t, c.key) as id,
         c.cell_start + case when svc.n = 3 then interval '15 minutes' else interval '0' end as starts_at,
         case svc.n when 1 then 30 when 2 then case when c.c % 10 = 1 then 20 else 15 end else 45 end as duration,
         case when c.cell_start < now() then
                case when st.u < 0.84 then 'fulfilled' when st.u < 0.89 then 'noshow' else 'cancelled' end
              else
                case when st.u < 0.90 then 'booked' when st.u < 0.99 then 'cancelled' else 'pending' end
         end as status,
         least(now(), c.cell_start) - interval '1 hour' - interval '30 days' * pg_temp.u('created', c.t, c.key) as created_at
  from (select cc.*, cc.c::bigint * 100000 + cc.day_no * 24 + cc.h as key from g_cells as cc) as c
  cross join g_scale as sc
  cross join lateral (select pg_temp.u('service', c.t, c.key) as u) as su
  cross join lateral (select case when su.u < 0.15 and c.c % 2 = 0 then 3 when su.u < 0.45 then 2 else 1 end as n) as svc
  cross join lateral (select pg_temp.u('status', c.t, c.key) as u) as st
  where pg_temp.u('fill', c.t, c.key) < least(1.0, c.weight * sc.k)
) as x
join g_services as s on s.t = x.t and s.n = x.service_no
join g_tenants as g on g.t = x.t;

-- step: race
-- The double-booking arena: one tenant, every clinician offers S1 and S4, open every day.
insert into public.tenants (id, name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon)
values (pg_temp.bid('race', 0), 'Bench Race Clinic', 'bench-{{tag}}-race', 'Europe/London', 'GBP', 'en-GB', '0', '90 days');
insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
values (pg_temp.bid('race', 0), pg_temp.bid('race-centre', 1), 'Race Street', 'race-street', 'Europe/London', true, true);
insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
select pg_temp.bid('race', 0), pg_temp.bid('race-clinician', k), 'Dr Race ' || k, true, true
from generate_series(1, {{race_clinicians}}) as k;
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
select pg_temp.bid('race', 0), pg_temp.bid('race-clinician', k), pg_temp.bid('race-centre', 1)
from generate_series(1, {{race_clinicians}}) as k;
insert into public.services (tenant_id, id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                             min_booking_notice, slot_alignment_minutes, price, currency, required_resource_type, is_public, is_active)
values (pg_temp.bid('race', 0), pg_temp.bid('race-service', 1), 'Race consultation', 30, 0, 10, '0', 15, 50, 'GBP', null, true, true),
       (pg_temp.bid('race', 0), pg_temp.bid('race-service', 4), 'Race scan', 30, 0, 10, '0', 15, 90, 'GBP', 'ultrasound', true, true);
insert into public.clinician_services (tenant_id, clinician_id, service_id)
select pg_temp.bid('race', 0), pg_temp.bid('race-clinician', k), pg_temp.bid('race-service', s)
from generate_series(1, {{race_clinicians}}) as k cross join unnest(array[1, 4]) as s;
insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
select pg_temp.bid('race', 0), pg_temp.bid('race-resource', k), pg_temp.bid('race-centre', 1), 'equipment', 'ultrasound', 'Scanner ' || k
from generate_series(1, {{race_machines}}) as k;
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
select pg_temp.bid('race', 0), pg_temp.bid('race-rule', k), pg_temp.bid('race-clinician', k), pg_temp.bid('race-centre', 1),
       'Europe/London', '06:00', '22:00',
       private.normalise_rrule('FREQ=DAILY', (current_date - 1) + time '06:00', 'Europe/London'), current_date - 1
from generate_series(1, {{race_clinicians}}) as k;
insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', pg_temp.bid('race-user', k), 'authenticated', 'authenticated',
       'race-' || k || '@{{tag}}.bench.slotbase.test', now(), '{"provider": "email", "providers": ["email"]}', '{}', now(), now()
from generate_series(1, {{race_patients}} + 2) as k;
insert into public.patients (tenant_id, id, user_id, full_name, consents)
select pg_temp.bid('race', 0), pg_temp.bid('race-patient', k), pg_temp.bid('race-user', k), 'Racer ' || k, '{}'
from generate_series(1, {{race_patients}}) as k;
insert into public.members (tenant_id, id, user_id, display_name)
select pg_temp.bid('race', 0), pg_temp.bid('race-member', k), pg_temp.bid('race-user', {{race_patients}} + k), 'Race desk ' || k
from generate_series(1, 2) as k;
insert into public.member_roles (tenant_id, id, member_id, role)
select pg_temp.bid('race', 0), pg_temp.bid('race-role', k), pg_temp.bid('race-member', k), 'front_desk'
from generate_series(1, 2) as k;

-- step: verify
-- Foreign keys were not checked during the load (replica mode): check them now.
do $$
declare
  v_bad bigint;
begin
  select count(*) into v_bad from public.appointments as a
  where not exists (select 1 from public.services as s where s.tenant_id = a.tenant_id and s.id = a.service_id)
     or not exists (select 1 from public.clinician_centres as cc
                    where cc.tenant_id = a.tenant_id and cc.clinician_id = a.clinician_id and cc.centre_id = a.centre_id)
     or not exists (select 1 from public.patients as p where p.tenant_id = a.tenant_id and p.id = a.patient_id);
  if v_bad > 0 then
    raise exception 'bench generator: % appointments reference missing rows', v_bad;
  end if;
  select count(*) into v_bad from public.clinician_services as cs
  where not exists (select 1 from public.clinicians as c where c.tenant_id = cs.tenant_id and c.id = cs.clinician_id)
     or not exists (select 1 from public.services as s where s.tenant_id = cs.tenant_id and s.id = cs.service_id);
  select v_bad + count(*) into v_bad from public.availability_rules as r
  where not exists (select 1 from public.clinician_centres as cc
                    where cc.tenant_id = r.tenant_id and cc.clinician_id = r.clinician_id and cc.centre_id = r.centre_id);
  select v_bad + count(*) into v_bad from public.clinician_centres as cc
  where not exists (select 1 from public.centres as c where c.tenant_id = cc.tenant_id and c.id = cc.centre_id)
     or not exists (select 1 from public.clinicians as c where c.tenant_id = cc.tenant_id and c.id = cc.clinician_id);
  select v_bad + count(*) into v_bad from public.patients as p
  where p.user_id is not null and not exists (select 1 from auth.users as u where u.id = p.user_id);
  select v_bad + count(*) into v_bad from public.members as m
  where not exists (select 1 from auth.users as u where u.id = m.user_id)
     or not exists (select 1 from public.tenants as t where t.id = m.tenant_id);
  if v_bad > 0 then
    raise exception 'bench generator: % catalogue rows reference missing rows', v_bad;
  end if;
end
$$;

-- step: cleanup
reset session_replication_role;
drop view g_cells;
drop table g_scale, g_holidays, g_time_off, g_hours, g_users, g_services, g_clinicians, g_centres, g_tenants;
