-- Bulk import: what the database refuses while a row is written is turned into the row's report
-- line in one place, private.import_row, which catches only the refusals a row can meet (bad
-- values, constraints, row-level security and the tables' own checks). Any other error is a bug
-- and fails the whole import instead of becoming a "refused" line. A record written twice by one
-- file is refused through the same path (private.import_claim raises it).

create function private.import_claim(p_kind text, p_record_id uuid, p_row_number integer, p_match_column text)
returns void
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Remembers, for the rest of the transaction, that a row of the file wrote this record, and
 * refuses the row when an earlier row of the same import already wrote it (a duplicate within
 * the file): unique_violation (23505) with detail duplicate_in_file, on the column the row was
 * matched by; private.import_row reports it. A temporary table of the caller's session, dropped
 * at commit.
 *
 * Parameters: kind (patients, services, clinicians); record id; the row number in the file; the
 *             column the row was matched by (external_id, name, phone, ...).
 * Errors:     23505 duplicate_in_file (never reaches a client: import_row makes it a report line).
 * Example:    perform private.import_claim('services', v_id, 7, 'name');
 */
declare
  v_earlier integer;
begin
  perform 'PRAGMA:TABLE: slotbase_import_touched (kind text, record_id uuid, row_number integer)';  -- for plpgsql_check: created below when missing
  if pg_catalog.to_regclass('pg_temp.slotbase_import_touched') is null then
    create temporary table slotbase_import_touched (
      kind text not null, record_id uuid not null, row_number integer not null, primary key (kind, record_id)
    ) on commit drop;
  end if;
  select t.row_number into v_earlier from slotbase_import_touched as t where t.kind = p_kind and t.record_id = p_record_id;
  if found then
    raise exception using errcode = '23505', detail = 'duplicate_in_file', column = p_match_column,
      message = pg_catalog.format('the same %s as row %s', pg_catalog.rtrim(p_kind, 's'), v_earlier),
      hint = 'Keep one row per record in the file.';
  end if;
  insert into slotbase_import_touched (kind, record_id, row_number) values (p_kind, p_record_id, p_row_number);
end
$$;
comment on function private.import_claim(text, uuid, integer, text) is
  'Bulk import: records which file row wrote a record during this transaction; raises 23505 duplicate_in_file when an earlier row of the file wrote the same record.';
revoke execute on function private.import_claim(text, uuid, integer, text) from public, anon, authenticated, service_role;
grant execute on function private.import_claim(text, uuid, integer, text) to authenticated, service_role;

create function private.import_refusal(p_sqlstate text, p_detail text, p_constraint text, p_column text, p_message text,
  out code text, out column_name text, out message text)
language sql
immutable
set search_path = ''
as $$
  /**
   * A database refusal of an imported row as a report line: a duplicate within the file ->
   * duplicate_in_file; insufficient privilege or a row security violation -> not_allowed; a
   * unique key -> already_exists (the external id belongs to a record the caller does not see,
   * or is taken); a check or not-null constraint -> invalid_value on the column named by the
   * constraint; a missing reference -> unknown_reference; anything else the row may meet (a bad
   * value, a table's own check) -> refused with the database's message.
   * Example: select * from private.import_refusal('23514', '', 'patients_gender_valid', null, '...');
   */
  select
    case
      when p_sqlstate = '23505' and p_detail = 'duplicate_in_file' then 'duplicate_in_file'
      when p_sqlstate in ('42501', 'PT403') then 'not_allowed'
      when p_sqlstate = '23505' then 'already_exists'
      when p_sqlstate in ('23514', '23502') then 'invalid_value'
      when p_sqlstate = '23503' then 'unknown_reference'
      else 'refused'
    end,
    coalesce(p_column, case
      when p_constraint like '%external_id%' then 'external_id'
      when p_constraint like '%gender%' then 'gender'
      when p_constraint like '%lead_source%' then 'lead_source'
      when p_constraint like '%date_of_birth%' then 'date_of_birth'
      when p_constraint like '%duration_minutes%' then 'duration_minutes'
      when p_constraint like '%price%' or p_constraint like '%payment_required%' then 'price'
      when p_constraint like '%buffer_before%' then 'buffer_before_minutes'
      when p_constraint like '%buffer_after%' then 'buffer_after_minutes'
      when p_constraint like '%default_consultation%' then 'default_consultation_minutes'
      when p_constraint like '%languages%' then 'languages'
      when p_constraint like '%specialisations%' then 'specialisations'
    end),
    case
      when p_sqlstate in ('42501', 'PT403') then 'you may not write this record (your role or centre does not allow it)'
      when p_sqlstate = '23505' and p_detail is distinct from 'duplicate_in_file' then 'this external_id already belongs to another record of the clinic'
      else p_message
    end
$$;
comment on function private.import_refusal(text, text, text, text, text) is
  'Bulk import: turns a database refusal of a row (SQLSTATE, reason, constraint) into a report code, column and message.';
revoke execute on function private.import_refusal(text, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.import_refusal(text, text, text, text, text) to authenticated, service_role;

create or replace function private.import_patient_row(p_tenant_id uuid, p_row_number integer, p_cells jsonb)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports one patient row as the caller: matches an existing record (external_id, else phone,
 * else e-mail, among the records the caller sees), then inserts or updates it through the
 * caller's row-level security; an update that changes nothing is 'unchanged'. Empty cells keep
 * existing values. registered_centre is a centre slug of the tenant.
 *
 * Parameters: tenant; the row's number in the file; its cells as {column: text}.
 * Returns:    the row's report line (action created / updated / unchanged, or refused when no
 *             record can be chosen); what the database refuses is raised, and private.import_row
 *             reports it.
 */
#variable_conflict use_column
declare
  v_external_id text := p_cells ->> 'external_id';
  v_phone text;
  v_email text := pg_catalog.lower(p_cells ->> 'email');
  v_centre_id uuid;
  v_matches uuid[];
  v_id uuid;
  v_existing public.patients;
begin
  row_number := p_row_number;
  if p_cells ? 'phone' then
    v_phone := private.normalise_contact_address('sms', p_cells ->> 'phone');
  end if;
  if p_cells ->> 'registered_centre' is not null then
    select c.id into v_centre_id from public.centres as c where c.tenant_id = p_tenant_id and c.slug = p_cells ->> 'registered_centre';
    if v_centre_id is null then
      action := 'refused'; column_name := 'registered_centre'; code := 'unknown_centre';
      message := pg_catalog.format('no centre %s in this clinic', p_cells ->> 'registered_centre');
      return next;
      return;
    end if;
  end if;

  if v_external_id is not null then
    select pg_catalog.array_agg(p.id) into v_matches from public.patients as p where p.tenant_id = p_tenant_id and p.external_id = v_external_id;
  end if;
  if v_matches is null and v_phone is not null then
    select pg_catalog.array_agg(p.id) into v_matches from public.patients as p
    where p.tenant_id = p_tenant_id and p.phone = v_phone and (v_external_id is null or p.external_id is null);
  end if;
  if v_matches is null and v_email is not null then
    select pg_catalog.array_agg(p.id) into v_matches from public.patients as p
    where p.tenant_id = p_tenant_id and p.email = v_email and (v_external_id is null or p.external_id is null);
  end if;
  if pg_catalog.cardinality(v_matches) > 1 then
    action := 'refused'; column_name := case when v_phone is not null then 'phone' else 'email' end; code := 'ambiguous_match';
    message := pg_catalog.format('%s records of the clinic match this row; give it an external_id', pg_catalog.cardinality(v_matches));
    return next;
    return;
  end if;

  if v_matches is null then
    -- the id is chosen here: RETURNING would need the new row to pass the select policy
    -- already, which a centre-scoped caller's own new patient does only after the statement
    v_id := pg_catalog.gen_random_uuid();
    insert into public.patients (tenant_id, id, external_id, full_name, phone, email, date_of_birth, gender, blood_group,
                                 preferred_language, preferred_channel, lead_source, registered_centre_id)
    values (p_tenant_id, v_id, v_external_id, p_cells ->> 'full_name', v_phone, v_email, (p_cells ->> 'date_of_birth')::date,
            p_cells ->> 'gender', (p_cells ->> 'blood_group')::public.blood_group, p_cells ->> 'preferred_language',
            (p_cells ->> 'preferred_channel')::public.contact_channel, p_cells ->> 'lead_source', v_centre_id);
    action := 'created';
  else
    v_id := v_matches[1];
    select p.* into v_existing from public.patients as p where p.tenant_id = p_tenant_id and p.id = v_id;
    update public.patients as p
       set external_id = coalesce(v_external_id, p.external_id),
           full_name = coalesce(p_cells ->> 'full_name', p.full_name),
           phone = coalesce(v_phone, p.phone),
           email = coalesce(v_email, p.email),
           date_of_birth = coalesce((p_cells ->> 'date_of_birth')::date, p.date_of_birth),
           gender = coalesce(p_cells ->> 'gender', p.gender),
           blood_group = coalesce((p_cells ->> 'blood_group')::public.blood_group, p.blood_group),
           preferred_language = coalesce(p_cells ->> 'preferred_language', p.preferred_language),
           preferred_channel = coalesce((p_cells ->> 'preferred_channel')::public.contact_channel, p.preferred_channel),
           lead_source = coalesce(p_cells ->> 'lead_source', p.lead_source),
           registered_centre_id = coalesce(v_centre_id, p.registered_centre_id)
     where p.tenant_id = p_tenant_id and p.id = v_id
       and private.import_patient_differs(p, p_cells, v_external_id, v_phone, v_email, v_centre_id);
    action := case when found then 'updated' else 'unchanged' end;
    if action = 'unchanged' and private.import_patient_differs(v_existing, p_cells, v_external_id, v_phone, v_email, v_centre_id) then
      -- the caller sees the record but its update policy left it alone
      raise exception using errcode = '42501', message = 'the update was not allowed';
    end if;
  end if;
  perform private.import_claim('patients', v_id, p_row_number,
    case when v_external_id is not null then 'external_id' when v_phone is not null then 'phone' else 'email' end);
  record_id := v_id;
  return next;
end
$$;
comment on function private.import_patient_row(uuid, integer, jsonb) is
  'Bulk import: one patient row, matched on external_id / phone / email and inserted or updated as the caller (their RLS, grants, constraints, triggers); called through private.import_row, which reports what the database refuses.';
revoke execute on function private.import_patient_row(uuid, integer, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.import_patient_row(uuid, integer, jsonb) to authenticated, service_role;

create or replace function private.import_service_row(p_tenant_id uuid, p_row_number integer, p_cells jsonb)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports one service row as the caller: matches an existing service on external_id, else on
 * its name; inserts or updates it through the caller's row-level security (the service's own
 * validation trigger and constraints apply). The currency defaults to the tenant's.
 *
 * Parameters: tenant; the row's number; its cells.
 * Returns:    the row's report line; what the database refuses is raised, and private.import_row
 *             reports it.
 */
#variable_conflict use_column
declare
  v_external_id text := p_cells ->> 'external_id';
  v_matches uuid[];
  v_id uuid;
begin
  row_number := p_row_number;
  if v_external_id is not null then
    select pg_catalog.array_agg(s.id) into v_matches from public.services as s where s.tenant_id = p_tenant_id and s.external_id = v_external_id;
  end if;
  if v_matches is null then
    select pg_catalog.array_agg(s.id) into v_matches from public.services as s
    where s.tenant_id = p_tenant_id and s.name = p_cells ->> 'name' and (v_external_id is null or s.external_id is null);
  end if;
  if pg_catalog.cardinality(v_matches) > 1 then
    action := 'refused'; column_name := 'name'; code := 'ambiguous_match';
    message := 'several services of the clinic have this name; give the row an external_id';
    return next;
    return;
  end if;
  if v_matches is null then
    v_id := pg_catalog.gen_random_uuid();
    insert into public.services (tenant_id, id, external_id, name, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                                 price, currency, payment_required, mode, is_public, is_active)
    select p_tenant_id, v_id, v_external_id, p_cells ->> 'name', p_cells ->> 'description', (p_cells ->> 'duration_minutes')::integer,
           coalesce((p_cells ->> 'buffer_before_minutes')::integer, 0), coalesce((p_cells ->> 'buffer_after_minutes')::integer, 0),
           coalesce((p_cells ->> 'price')::numeric, 0), coalesce(p_cells ->> 'currency', t.currency),
           coalesce(private.import_boolean(p_cells ->> 'payment_required'), false),
           coalesce((p_cells ->> 'mode')::public.service_mode, 'in_person'),
           coalesce(private.import_boolean(p_cells ->> 'is_public'), false), coalesce(private.import_boolean(p_cells ->> 'is_active'), true)
    from public.tenants as t where t.id = p_tenant_id;
    action := 'created';
  else
    v_id := v_matches[1];
    update public.services as s
       set external_id = coalesce(v_external_id, s.external_id),
           name = coalesce(p_cells ->> 'name', s.name),
           description = coalesce(p_cells ->> 'description', s.description),
           duration_minutes = coalesce((p_cells ->> 'duration_minutes')::integer, s.duration_minutes),
           buffer_before_minutes = coalesce((p_cells ->> 'buffer_before_minutes')::integer, s.buffer_before_minutes),
           buffer_after_minutes = coalesce((p_cells ->> 'buffer_after_minutes')::integer, s.buffer_after_minutes),
           price = coalesce((p_cells ->> 'price')::numeric, s.price),
           currency = coalesce(p_cells ->> 'currency', s.currency),
           payment_required = coalesce(private.import_boolean(p_cells ->> 'payment_required'), s.payment_required),
           mode = coalesce((p_cells ->> 'mode')::public.service_mode, s.mode),
           is_public = coalesce(private.import_boolean(p_cells ->> 'is_public'), s.is_public),
           is_active = coalesce(private.import_boolean(p_cells ->> 'is_active'), s.is_active)
     where s.tenant_id = p_tenant_id and s.id = v_id
       and (s.external_id, s.name, s.description, s.duration_minutes, s.buffer_before_minutes, s.buffer_after_minutes, s.price,
            s.currency, s.payment_required, s.mode, s.is_public, s.is_active)
           is distinct from
           (coalesce(v_external_id, s.external_id), coalesce(p_cells ->> 'name', s.name)::public.non_empty_text,
            coalesce(p_cells ->> 'description', s.description), coalesce((p_cells ->> 'duration_minutes')::integer, s.duration_minutes),
            coalesce((p_cells ->> 'buffer_before_minutes')::integer, s.buffer_before_minutes),
            coalesce((p_cells ->> 'buffer_after_minutes')::integer, s.buffer_after_minutes),
            coalesce((p_cells ->> 'price')::numeric, s.price)::numeric(12, 2), coalesce(p_cells ->> 'currency', s.currency)::public.currency_code,
            coalesce(private.import_boolean(p_cells ->> 'payment_required'), s.payment_required),
            coalesce((p_cells ->> 'mode')::public.service_mode, s.mode),
            coalesce(private.import_boolean(p_cells ->> 'is_public'), s.is_public), coalesce(private.import_boolean(p_cells ->> 'is_active'), s.is_active));
    action := case when found then 'updated' else 'unchanged' end;
  end if;
  perform private.import_claim('services', v_id, p_row_number, case when v_external_id is not null then 'external_id' else 'name' end);
  record_id := v_id;
  return next;
end
$$;
comment on function private.import_service_row(uuid, integer, jsonb) is
  'Bulk import: one service row, matched on external_id / name and inserted or updated as the caller; called through private.import_row, which reports what the database refuses.';
revoke execute on function private.import_service_row(uuid, integer, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.import_service_row(uuid, integer, jsonb) to authenticated, service_role;

create or replace function private.import_clinician_row(p_tenant_id uuid, p_row_number integer, p_cells jsonb)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports one clinician row as the caller: matches on external_id, else display_name; inserts or
 * updates the profile, then adds the centres (slugs) and services (external ids or names) it
 * lists that it does not have yet (nothing is removed). Every write goes through the caller's
 * row-level security.
 *
 * Parameters: tenant; the row's number; its cells.
 * Returns:    the row's report line; what the database refuses is raised, and private.import_row
 *             reports it.
 */
#variable_conflict use_column
declare
  v_external_id text := p_cells ->> 'external_id';
  v_specialisations text[] := (select pg_catalog.array_agg(pg_catalog.btrim(x)) from pg_catalog.unnest(pg_catalog.string_to_array(p_cells ->> 'specialisations', ';')) as x);
  v_languages text[] := (select pg_catalog.array_agg(pg_catalog.btrim(x)) from pg_catalog.unnest(pg_catalog.string_to_array(p_cells ->> 'languages', ';')) as x);
  v_centre_slugs text[] := (select pg_catalog.array_agg(pg_catalog.btrim(x)) from pg_catalog.unnest(pg_catalog.string_to_array(p_cells ->> 'centres', ';')) as x);
  v_service_keys text[] := (select pg_catalog.array_agg(pg_catalog.btrim(x)) from pg_catalog.unnest(pg_catalog.string_to_array(p_cells ->> 'services', ';')) as x);
  v_centre_ids uuid[];
  v_service_ids uuid[];
  v_missing text;
  v_matches uuid[];
  v_id uuid;
  v_changed boolean := false;
  v_count integer;
begin
  row_number := p_row_number;
  select pg_catalog.array_agg(c.id), (select pg_catalog.string_agg(s, ', ') from pg_catalog.unnest(v_centre_slugs) as s
                                      where not exists (select 1 from public.centres as c2 where c2.tenant_id = p_tenant_id and c2.slug = s))
    into v_centre_ids, v_missing
  from public.centres as c where c.tenant_id = p_tenant_id and c.slug = any (v_centre_slugs);
  if v_missing is not null then
    action := 'refused'; column_name := 'centres'; code := 'unknown_centre'; message := pg_catalog.format('no centre %s in this clinic', v_missing);
    return next;
    return;
  end if;
  select pg_catalog.array_agg(distinct s.id), (select pg_catalog.string_agg(k, ', ') from pg_catalog.unnest(v_service_keys) as k
                                               where not exists (select 1 from public.services as s2 where s2.tenant_id = p_tenant_id and (s2.external_id = k or s2.name = k)))
    into v_service_ids, v_missing
  from public.services as s where s.tenant_id = p_tenant_id and (s.external_id = any (v_service_keys) or s.name = any (v_service_keys));
  if v_missing is not null then
    action := 'refused'; column_name := 'services'; code := 'unknown_service'; message := pg_catalog.format('no service %s in this clinic', v_missing);
    return next;
    return;
  end if;

  if v_external_id is not null then
    select pg_catalog.array_agg(c.id) into v_matches from public.clinicians as c where c.tenant_id = p_tenant_id and c.external_id = v_external_id;
  end if;
  if v_matches is null then
    select pg_catalog.array_agg(c.id) into v_matches from public.clinicians as c
    where c.tenant_id = p_tenant_id and c.display_name = p_cells ->> 'display_name' and (v_external_id is null or c.external_id is null);
  end if;
  if pg_catalog.cardinality(v_matches) > 1 then
    action := 'refused'; column_name := 'display_name'; code := 'ambiguous_match';
    message := 'several clinicians of the clinic have this name; give the row an external_id';
    return next;
    return;
  end if;
  if v_matches is null then
    v_id := pg_catalog.gen_random_uuid();
    insert into public.clinicians (tenant_id, id, external_id, display_name, title, specialisations, languages, default_consultation_minutes, bio, is_public)
    values (p_tenant_id, v_id, v_external_id, p_cells ->> 'display_name', p_cells ->> 'title', coalesce(v_specialisations, '{}'),
            coalesce(v_languages, '{}')::public.language_tag[], coalesce((p_cells ->> 'default_consultation_minutes')::integer, 30),
            p_cells ->> 'bio', coalesce(private.import_boolean(p_cells ->> 'is_public'), false));
    action := 'created';
  else
    v_id := v_matches[1];
    update public.clinicians as c
       set external_id = coalesce(v_external_id, c.external_id),
           display_name = coalesce(p_cells ->> 'display_name', c.display_name),
           title = coalesce(p_cells ->> 'title', c.title),
           specialisations = coalesce(v_specialisations::public.non_empty_text[], c.specialisations),
           languages = coalesce(v_languages::public.language_tag[], c.languages),
           default_consultation_minutes = coalesce((p_cells ->> 'default_consultation_minutes')::integer, c.default_consultation_minutes),
           bio = coalesce(p_cells ->> 'bio', c.bio),
           is_public = coalesce(private.import_boolean(p_cells ->> 'is_public'), c.is_public)
     where c.tenant_id = p_tenant_id and c.id = v_id
       and (c.external_id, c.display_name, c.title, c.specialisations, c.languages, c.default_consultation_minutes, c.bio, c.is_public)
           is distinct from
           (coalesce(v_external_id, c.external_id), coalesce(p_cells ->> 'display_name', c.display_name)::public.non_empty_text,
            coalesce(p_cells ->> 'title', c.title)::public.non_empty_text, coalesce(v_specialisations::public.non_empty_text[], c.specialisations),
            coalesce(v_languages::public.language_tag[], c.languages),
            coalesce((p_cells ->> 'default_consultation_minutes')::integer, c.default_consultation_minutes),
            coalesce(p_cells ->> 'bio', c.bio), coalesce(private.import_boolean(p_cells ->> 'is_public'), c.is_public));
    v_changed := found;
    action := 'unchanged';
  end if;
  insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
  select p_tenant_id, v_id, x from pg_catalog.unnest(v_centre_ids) as x
  where not exists (select 1 from public.clinician_centres as cc where cc.tenant_id = p_tenant_id and cc.clinician_id = v_id and cc.centre_id = x);
  get diagnostics v_count = row_count;
  v_changed := v_changed or v_count > 0;
  insert into public.clinician_services (tenant_id, clinician_id, service_id)
  select p_tenant_id, v_id, x from pg_catalog.unnest(v_service_ids) as x
  where not exists (select 1 from public.clinician_services as cs where cs.tenant_id = p_tenant_id and cs.clinician_id = v_id and cs.service_id = x);
  get diagnostics v_count = row_count;
  v_changed := v_changed or v_count > 0;
  if action = 'unchanged' and v_changed then
    action := 'updated';
  end if;
  perform private.import_claim('clinicians', v_id, p_row_number, case when v_external_id is not null then 'external_id' else 'display_name' end);
  record_id := v_id;
  return next;
end
$$;
comment on function private.import_clinician_row(uuid, integer, jsonb) is
  'Bulk import: one clinician row (profile, then its centres and services, added only), matched on external_id / display_name and written as the caller; called through private.import_row, which reports what the database refuses.';
revoke execute on function private.import_clinician_row(uuid, integer, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.import_clinician_row(uuid, integer, jsonb) to authenticated, service_role;


create function private.import_row(p_kind text, p_tenant_id uuid, p_row_number integer, p_cells jsonb)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports one row of a file as the caller, in its own subtransaction: the kind's function
 * (private.import_patient_row, import_service_row, import_clinician_row) chooses the record and
 * writes it. When the database refuses the row, its writes are undone and the refusal becomes
 * the row's report line (private.import_refusal). Only what a row can meet is caught: bad values
 * (class 22), constraints (class 23), privileges and row-level security (42501) and the tables'
 * own checks (PT403, PT409, PT422); any other error is a bug and fails the import.
 *
 * Parameters: kind patients | services | clinicians; tenant; the row's number; its cells.
 * Returns:    the row's report line.
 */
#variable_conflict use_column
declare
  v_line record;
  v_state text;
  v_detail text;
  v_constraint text;
  v_column text;
  v_text text;
begin
  begin
    select r.* into v_line from private.import_patient_row(p_tenant_id, p_row_number, p_cells) as r where p_kind = 'patients'
    union all
    select r.* from private.import_service_row(p_tenant_id, p_row_number, p_cells) as r where p_kind = 'services'
    union all
    select r.* from private.import_clinician_row(p_tenant_id, p_row_number, p_cells) as r where p_kind = 'clinicians';
  exception
    when data_exception or integrity_constraint_violation or insufficient_privilege
      or sqlstate 'PT403' or sqlstate 'PT409' or sqlstate 'PT422' then
    get stacked diagnostics v_state = returned_sqlstate, v_detail = pg_exception_detail, v_constraint = constraint_name,
      v_column = column_name, v_text = message_text;
    row_number := p_row_number; action := 'refused'; record_id := null;
    select r.code, r.column_name, r.message into code, column_name, message
    from private.import_refusal(v_state, v_detail, v_constraint, nullif(v_column, ''), v_text) as r;
    return next;
    return;
  end;
  row_number := v_line.row_number; action := v_line.action; column_name := v_line.column_name;
  code := v_line.code; message := v_line.message; record_id := v_line.record_id;
  return next;
end
$$;
comment on function private.import_row(text, uuid, integer, jsonb) is
  'Bulk import: one row of a file written as the caller in its own subtransaction; what the database refuses becomes the row''s report line, any other error fails the import.';
revoke execute on function private.import_row(text, uuid, integer, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.import_row(text, uuid, integer, jsonb) to authenticated, service_role;

create or replace function private.import_patient_rows(p_tenant_id uuid, p_rows jsonb)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports a batch of patient rows whose cells are valid, as the caller, with the same outcome as
 * private.import_patient_row row by row, but fast: the rows that neither share a key (external
 * id, phone, e-mail) or a matched record with another row of the batch nor match a record an
 * earlier batch wrote are inserted in one statement and updated in another (still under the
 * caller's row-level security, constraints and triggers). When one of those statements is
 * refused for any reason, and for the other rows, each row goes through private.import_row in
 * file order, which reports a refusal or, for an unexpected error, fails the import.
 *
 * Parameters: tenant; rows as [{"row": <number>, "cells": {column: text}}].
 * Returns:    one report line per row.
 */
#variable_conflict use_column
declare
  v_single integer[];
  v_line record;
begin
  perform 'PRAGMA:TABLE: slotbase_import_touched (kind text, record_id uuid, row_number integer)';  -- for plpgsql_check: created below when missing
  perform 'PRAGMA:TABLE: slotbase_import_batch (row_number integer, cells jsonb, external_id text, phone text, email text, centre_id uuid, matches uuid[], route text, record_id uuid, action text)';
  if pg_catalog.to_regclass('pg_temp.slotbase_import_touched') is null then
    create temporary table slotbase_import_touched (
      kind text not null, record_id uuid not null, row_number integer not null, primary key (kind, record_id)
    ) on commit drop;
  end if;
  if pg_catalog.to_regclass('pg_temp.slotbase_import_batch') is null then
    create temporary table slotbase_import_batch (
      row_number integer primary key, cells jsonb not null, external_id text, phone text, email text, centre_id uuid,
      matches uuid[], route text, record_id uuid, action text
    ) on commit drop;
  end if;
  truncate slotbase_import_batch;

  insert into slotbase_import_batch (row_number, cells, external_id, phone, email)
  select (e ->> 'row')::integer, e -> 'cells', e -> 'cells' ->> 'external_id',
         case when e -> 'cells' ? 'phone' then private.normalise_contact_address('sms', e -> 'cells' ->> 'phone') end,
         pg_catalog.lower(e -> 'cells' ->> 'email')
  from pg_catalog.jsonb_array_elements(p_rows) as e;
  update slotbase_import_batch as b set centre_id = c.id
  from public.centres as c where c.tenant_id = p_tenant_id and c.slug = b.cells ->> 'registered_centre';
  update slotbase_import_batch as b
     set matches = coalesce(
       (select pg_catalog.array_agg(p.id) from public.patients as p where p.tenant_id = p_tenant_id and p.external_id = b.external_id),
       (select pg_catalog.array_agg(p.id) from public.patients as p
         where p.tenant_id = p_tenant_id and p.phone = b.phone and (b.external_id is null or p.external_id is null)),
       (select pg_catalog.array_agg(p.id) from public.patients as p
         where p.tenant_id = p_tenant_id and p.email = b.email and (b.external_id is null or p.external_id is null)));

  -- rows the set-based statements cannot decide alone go row by row
  with shared as (
    select k.row_number,
           (k.external_id is not null and pg_catalog.count(*) over (partition by k.external_id) > 1)
           or (k.phone is not null and pg_catalog.count(*) over (partition by k.phone) > 1)
           or (k.email is not null and pg_catalog.count(*) over (partition by k.email) > 1)
           or (k.matches is not null and pg_catalog.count(*) over (partition by k.matches[1]) > 1) as shares_a_key
    from slotbase_import_batch as k
  )
  update slotbase_import_batch as b
     set route = case
       when (b.cells ? 'registered_centre' and b.centre_id is null) or pg_catalog.cardinality(b.matches) > 1 then 'single'
       when s.shares_a_key then 'single'
       when exists (select 1 from slotbase_import_touched as t where t.kind = 'patients' and t.record_id = b.matches[1]) then 'single'
       when b.matches is null then 'insert'
       else 'update'
     end
  from shared as s
  where s.row_number = b.row_number;

  begin
    update slotbase_import_batch as b set record_id = pg_catalog.gen_random_uuid(), action = 'created' where b.route = 'insert';
    insert into public.patients (tenant_id, id, external_id, full_name, phone, email, date_of_birth, gender, blood_group,
                                 preferred_language, preferred_channel, lead_source, registered_centre_id)
    select p_tenant_id, b.record_id, b.external_id, b.cells ->> 'full_name', b.phone, b.email, (b.cells ->> 'date_of_birth')::date,
           b.cells ->> 'gender', (b.cells ->> 'blood_group')::public.blood_group, b.cells ->> 'preferred_language',
           (b.cells ->> 'preferred_channel')::public.contact_channel, b.cells ->> 'lead_source', b.centre_id
    from slotbase_import_batch as b where b.route = 'insert'
    order by b.row_number;
  exception when others then  -- any refusal: these rows go row by row below, where private.import_row decides
    update slotbase_import_batch as b set route = 'single', record_id = null, action = null where b.route = 'insert';
  end;

  begin
    update slotbase_import_batch as b set record_id = b.matches[1], action = 'unchanged' where b.route = 'update';
    with changed as (
      update public.patients as p
         set external_id = coalesce(b.external_id, p.external_id),
             full_name = coalesce(b.cells ->> 'full_name', p.full_name),
             phone = coalesce(b.phone, p.phone),
             email = coalesce(b.email, p.email),
             date_of_birth = coalesce((b.cells ->> 'date_of_birth')::date, p.date_of_birth),
             gender = coalesce(b.cells ->> 'gender', p.gender),
             blood_group = coalesce((b.cells ->> 'blood_group')::public.blood_group, p.blood_group),
             preferred_language = coalesce(b.cells ->> 'preferred_language', p.preferred_language),
             preferred_channel = coalesce((b.cells ->> 'preferred_channel')::public.contact_channel, p.preferred_channel),
             lead_source = coalesce(b.cells ->> 'lead_source', p.lead_source),
             registered_centre_id = coalesce(b.centre_id, p.registered_centre_id)
        from slotbase_import_batch as b
       where b.route = 'update' and p.tenant_id = p_tenant_id and p.id = b.record_id
         and private.import_patient_differs(p, b.cells, b.external_id, b.phone, b.email, b.centre_id)
      returning b.row_number
    )
    update slotbase_import_batch as b set action = 'updated' from changed as c where c.row_number = b.row_number;
    -- a row that would change its record but was not updated: the update policy left it alone
    if exists (select 1 from slotbase_import_batch as b join public.patients as p on p.tenant_id = p_tenant_id and p.id = b.record_id
               where b.route = 'update' and b.action = 'unchanged'
                 and private.import_patient_differs(p, b.cells, b.external_id, b.phone, b.email, b.centre_id)) then
      raise exception using errcode = '42501', message = 'some updates were not allowed';
    end if;
  exception when others then  -- any refusal: these rows go row by row below, where private.import_row decides
    update slotbase_import_batch as b set route = 'single', record_id = null, action = null where b.route = 'update';
  end;

  insert into slotbase_import_touched (kind, record_id, row_number)
  select 'patients', b.record_id, b.row_number from slotbase_import_batch as b
  where b.route in ('insert', 'update')
    and not exists (select 1 from slotbase_import_touched as t where t.kind = 'patients' and t.record_id = b.record_id);

  return query
  select b.row_number, b.action, null::text, null::text, null::text, b.record_id
  from slotbase_import_batch as b where b.route in ('insert', 'update');
  select pg_catalog.array_agg(b.row_number order by b.row_number) into v_single from slotbase_import_batch as b where b.route = 'single';
  for v_line in
    select r.* from pg_catalog.unnest(v_single) as n(row_number)
    cross join lateral private.import_row('patients', p_tenant_id, n.row_number,
      (select e -> 'cells' from pg_catalog.jsonb_array_elements(p_rows) as e where (e ->> 'row')::integer = n.row_number)) as r
  loop
    row_number := v_line.row_number; action := v_line.action; column_name := v_line.column_name;
    code := v_line.code; message := v_line.message; record_id := v_line.record_id;
    return next;
  end loop;
end
$$;
comment on function private.import_patient_rows(uuid, jsonb) is
  'Bulk import: a batch of valid patient rows - independent new rows in one insert, independent matches in one update (as the caller), the rest row by row through import_row; one report line per row.';
revoke execute on function private.import_patient_rows(uuid, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.import_patient_rows(uuid, jsonb) to authenticated, service_role;

create or replace function public.import_rows(
  tenant_id uuid, kind text, columns text[], rows jsonb, dry_run boolean default true, all_or_nothing boolean default false)
returns table (row_number integer, action text, column_name text, code text, message text, record_id uuid)
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Imports rows of a file as the caller (security invoker: their row-level security, grants and
 * the tables' rules). A staff app or the import Edge Function calls it with the file's header
 * and its rows; a file may come in several calls within one transaction.
 *
 * Parameters: tenant_id; kind patients | services | clinicians; columns the header (names of
 *             private.import_columns(), any case, spaces for underscores); rows a JSON array of
 *             {"row": <number in the file>, "values": [<text or null>, ...]} in header order (at
 *             most 1000 per call); dry_run (default true): report, change nothing;
 *             all_or_nothing (default false): change nothing when any row is refused.
 * Returns:    one line per problem (row 1 for the header; column, code, message) and one per
 *             imported row (action created / updated / unchanged and record_id; action
 *             refused for a refused row), in row order. Empty rows are skipped without a line.
 * Errors:     22023 unknown kind, no rows array, more than 1000 rows, a row without its number;
 *             PT403 not_allowed when the caller is not staff of the tenant (server callers:
 *             service_role, a database session, import into any tenant).
 * Example:    select * from public.import_rows(:tenant, 'patients', array['full_name', 'phone'],
 *               '[{"row": 2, "values": ["Ana Rao", "+447700900123"]}]', dry_run => true);
 */
#variable_conflict use_column
declare
  v_columns text[];
  v_known text[];
  v_row jsonb;
  v_cells jsonb;
  v_number integer;
  v_value text;
  v_problems integer := 0;
  v_report jsonb[] := array[]::jsonb[];
  v_patients jsonb[] := array[]::jsonb[];
  v_line record;
  v_row_refused boolean;
  v_types text[];
  v_required text[];
  v_valid boolean;
  v_keys text[];
  v_values text[];
begin
  if kind is null or kind not in ('patients', 'services', 'clinicians') then
    raise exception using errcode = '22023', message = 'kind must be patients, services or clinicians',
      hint = 'Say what the file holds.';
  end if;
  if rows is null or pg_catalog.jsonb_typeof(rows) <> 'array' then
    raise exception using errcode = '22023', message = 'rows must be a JSON array', hint = 'Send [{"row": 2, "values": [...]}, ...].';
  end if;
  if pg_catalog.jsonb_array_length(rows) > 1000 then
    raise exception using errcode = '22023', message = 'at most 1000 rows per call', hint = 'Send the file in batches of up to 1000 rows, in one transaction.';
  end if;
  -- server callers import into any clinic; member_tenant_ids is asked only for users (the
  -- server roles may not execute it)
  if tenant_id is null or not private.is_server_role() then
    if tenant_id is null or tenant_id not in (select private.member_tenant_ids()) then
      raise exception using errcode = 'PT403', detail = 'not_allowed', message = 'you are not staff of this clinic',
        hint = 'Import into a clinic where you hold a staff role.';
    end if;
  end if;

  -- the header: known columns, each once, the required ones present
  v_columns := (select pg_catalog.array_agg(pg_catalog.regexp_replace(pg_catalog.lower(pg_catalog.btrim(c)), '\s+', '_', 'g') order by o)
                from pg_catalog.unnest(columns) with ordinality as x(c, o));
  select pg_catalog.array_agg(c.column_name) into v_known from private.import_columns() as c where c.kind = import_rows.kind;
  for v_line in
    select 'unknown_column' as code, h.name as column_name, pg_catalog.format('%s is not a column of a %s file (columns: %s)', h.name, import_rows.kind,
             pg_catalog.array_to_string(v_known, ', ')) as message, h.position
    from pg_catalog.unnest(v_columns) with ordinality as h(name, position)
    where h.name is null or h.name = '' or not (h.name = any (v_known))
    union all
    select 'duplicate_column', h.name, pg_catalog.format('%s appears more than once', h.name), min(h.position)
    from pg_catalog.unnest(v_columns) with ordinality as h(name, position)
    group by h.name having pg_catalog.count(*) > 1
    union all
    select 'missing_column', c.column_name, pg_catalog.format('a %s file needs a %s column', import_rows.kind, c.column_name), 1000000
    from private.import_columns() as c
    where c.kind = import_rows.kind and c.required and not (c.column_name = any (coalesce(v_columns, '{}')))
    order by 4
  loop
    row_number := 1; action := 'refused'; column_name := coalesce(v_line.column_name, '');
    code := v_line.code; message := v_line.message; record_id := null;
    return next;
    v_problems := v_problems + 1;
  end loop;
  if v_problems > 0 then
    return;
  end if;
  select pg_catalog.array_agg(c.value_type order by h.position) into v_types
  from pg_catalog.unnest(v_columns) with ordinality as h(name, position)
  join private.import_columns() as c on c.kind = import_rows.kind and c.column_name = h.name;
  select pg_catalog.array_agg(c.column_name) into v_required from private.import_columns() as c where c.kind = import_rows.kind and c.required;

  begin
    for v_row in select r.value from pg_catalog.jsonb_array_elements(rows) as r loop
      v_number := case when pg_catalog.jsonb_typeof(v_row -> 'row') = 'number' then (v_row ->> 'row')::integer end;
      if v_number is null or v_number < 2 or pg_catalog.jsonb_typeof(v_row -> 'values') <> 'array' then
        raise exception using errcode = '22023', message = 'every row needs its number in the file (2 or more) and its values',
          hint = 'Send {"row": 2, "values": [...]}.';
      end if;
      -- cells: trimmed, empty -> absent; more values than columns is a problem of the row
      v_cells := '{}';
      v_row_refused := false;
      if pg_catalog.jsonb_array_length(v_row -> 'values') > pg_catalog.cardinality(v_columns) then
        v_report := pg_catalog.array_append(v_report, pg_catalog.jsonb_build_object('row_number', v_number, 'action', 'refused', 'column_name', '',
          'code', 'too_many_values', 'message', pg_catalog.format('the row has %s values for %s columns',
          pg_catalog.jsonb_array_length(v_row -> 'values'), pg_catalog.cardinality(v_columns))));
        v_problems := v_problems + 1;
        continue;
      end if;
      -- the cells that have a value, and the whole row checked in one go (the usual case); a row
      -- with a problem is then named cell by cell
      v_keys := '{}';
      v_values := '{}';
      for i in 1 .. pg_catalog.cardinality(v_columns) loop
        v_value := nullif(pg_catalog.btrim((v_row -> 'values') ->> (i - 1), E' \t\r\n'), '');
        if v_value is not null then
          v_keys := pg_catalog.array_append(v_keys, v_columns[i]);
          v_values := pg_catalog.array_append(v_values, v_value);
        end if;
      end loop;
      v_cells := pg_catalog.jsonb_object(v_keys, v_values);
      v_valid := true;
      begin
        for i in 1 .. pg_catalog.cardinality(v_columns) loop
          perform private.import_assert_value(v_cells ->> v_columns[i], v_types[i]);
        end loop;
      exception when data_exception or integrity_constraint_violation then
        v_valid := false;
      end;
      if v_cells = '{}' then
        continue;  -- an empty row
      end if;
      if not v_valid or not (v_cells ?& v_required) then
        for v_line in
          select c.column_name, p.code, p.message
          from private.import_columns() as c
          cross join lateral private.import_value_problem(v_cells ->> c.column_name, c.value_type) as p
          where c.kind = import_rows.kind
          union all
          select c.column_name, 'required', pg_catalog.format('%s is required', c.column_name)
          from private.import_columns() as c
          where c.kind = import_rows.kind and c.required and not (v_cells ? c.column_name)
        loop
          v_report := pg_catalog.array_append(v_report, pg_catalog.jsonb_build_object('row_number', v_number, 'action', 'refused',
            'column_name', v_line.column_name, 'code', v_line.code, 'message', v_line.message));
          v_row_refused := true;
        end loop;
      end if;
      if v_row_refused then
        v_problems := v_problems + 1;
        continue;
      end if;
      if import_rows.kind = 'patients' then
        v_patients := pg_catalog.array_append(v_patients, pg_catalog.jsonb_build_object('row', v_number, 'cells', v_cells));
        continue;
      end if;
      for v_line in
        select * from private.import_row(import_rows.kind, import_rows.tenant_id, v_number, v_cells)
      loop
        v_report := pg_catalog.array_append(v_report, pg_catalog.to_jsonb(v_line));
        if v_line.action = 'refused' then
          v_problems := v_problems + 1;
        end if;
      end loop;
    end loop;
    if pg_catalog.cardinality(v_patients) > 0 then
      for v_line in select * from private.import_patient_rows(import_rows.tenant_id, pg_catalog.to_jsonb(v_patients)) loop
        v_report := pg_catalog.array_append(v_report, pg_catalog.to_jsonb(v_line));
        if v_line.action = 'refused' then
          v_problems := v_problems + 1;
        end if;
      end loop;
    end if;
    if dry_run or (all_or_nothing and v_problems > 0) then
      raise exception using errcode = 'P0001', message = 'slotbase_import_rollback';
    end if;
  exception when raise_exception then
    if sqlerrm <> 'slotbase_import_rollback' then
      raise;
    end if;
  end;

  return query
  select (l ->> 'row_number')::integer, l ->> 'action', l ->> 'column_name', l ->> 'code', l ->> 'message', (l ->> 'record_id')::uuid
  from pg_catalog.unnest(v_report) with ordinality as r(l, position)
  order by (l ->> 'row_number')::integer, r.position;
end
$$;
comment on function public.import_rows(uuid, text, text[], jsonb, boolean, boolean) is
  'Bulk import (staff): imports patients, services or clinicians rows as the caller - their row-level security and the tables'' rules - matching existing records on stable keys; dry run by default; one report line per problem or imported row. See docs/import.md.';
revoke execute on function public.import_rows(uuid, text, text[], jsonb, boolean, boolean) from public, anon, authenticated, service_role;
grant execute on function public.import_rows(uuid, text, text[], jsonb, boolean, boolean) to authenticated, service_role;

drop function private.import_touch(text, uuid, integer);
drop function private.import_refusal(text, text, text, text);
