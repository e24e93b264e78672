-- The API surface: public.search_slots is a stable, security invoker SQL wrapper (the convention
-- for public RPCs) with the contract's arguments and columns, executable by anon, authenticated
-- and service_role; private.search_slots is the security definer implementation (it reads
-- availability and appointments no patient may read) and returns the same columns: clinician
-- ids and times, never patient, appointment or resource data. The engine (offered_slots,
-- is_slot_offered) is callable only by its owner's functions.
begin;
select plan(10);

-- TEST: public.search_slots
select ok(
  (select not p.prosecdef and p.provolatile = 's' and p.prolang = (select oid from pg_language where lanname = 'sql')
          and 'search_path=""' = any (p.proconfig) and obj_description(p.oid, 'pg_proc') is not null
     from pg_proc as p where p.oid = 'public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  'public.search_slots: stable, security invoker, search_path pinned, commented');
select is(
  pg_get_function_arguments('public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  'service_id uuid, centre_id uuid, window_start timestamp with time zone, window_end timestamp with time zone, clinician_id uuid DEFAULT NULL::uuid, after timestamp with time zone DEFAULT NULL::timestamp with time zone, seed integer DEFAULT NULL::integer',
  'named arguments for supabase.rpc; clinician_id, after (the next page) and seed (any clinician) optional');
select is(
  pg_get_function_result('public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  'TABLE(clinician_id uuid, starts_at timestamp with time zone, ends_at timestamp with time zone, local_starts_at timestamp without time zone, local_ends_at timestamp without time zone, timezone text)',
  'it returns clinician ids, UTC instants, local times and the zone - nothing else');
select is(
  (select array_agg(r order by r) from unnest(array['anon', 'authenticated', 'service_role']) as r
    where has_function_privilege(r, 'public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)', 'EXECUTE')),
  array['anon', 'authenticated', 'service_role'], 'anon, authenticated and service_role may call it');

-- TEST: private.search_slots
select ok(
  (select p.prosecdef and p.provolatile = 's' and 'search_path=""' = any (p.proconfig) and obj_description(p.oid, 'pg_proc') is not null
     from pg_proc as p where p.oid = 'private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  'private.search_slots: stable, security definer, search_path pinned, commented');
select is(
  pg_get_function_result('private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  pg_get_function_result('public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)'::regprocedure),
  'it returns exactly the public columns');
select is(
  (select array_agg(r order by r) from unnest(array['anon', 'authenticated', 'service_role']) as r
    where has_function_privilege(r, 'private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer)', 'EXECUTE')),
  array['anon', 'authenticated', 'service_role'], 'the API roles may call it (the wrapper runs as the caller)');

-- TEST: the engine
select ok(
  (select bool_and(p.prosecdef and p.provolatile = 's' and 'search_path=""' = any (p.proconfig) and obj_description(p.oid, 'pg_proc') is not null)
     from pg_proc as p
    where p.oid in ('private.offered_slots(uuid, uuid, uuid, uuid[], tstzrange, timestamptz)'::regprocedure,
                    'private.is_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz)'::regprocedure)),
  'offered_slots and is_slot_offered: stable, security definer, search_path pinned, commented');
select is(
  (select count(*)::integer from unnest(array['anon', 'authenticated', 'service_role']) as r,
          unnest(array['private.offered_slots(uuid, uuid, uuid, uuid[], tstzrange, timestamptz)',
                       'private.is_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz)']) as f
    where has_function_privilege(r, f, 'EXECUTE')),
  0, 'no API role may call the engine directly');
select is(
  pg_get_function_result('private.offered_slots(uuid, uuid, uuid, uuid[], tstzrange, timestamptz)'::regprocedure),
  'TABLE(clinician_id uuid, starts_at timestamp with time zone, ends_at timestamp with time zone)',
  'the engine returns clinician ids and instants');

select * from finish();
rollback;
