-- Front-desk patient search (docs/profile.md#front-desk-patient-search): staff find a patient of
-- their clinic by part of the name, phone number or e-mail address, fast on large clinics
-- (a trigram GIN index per tenant), and only among the patients they may read: the function is
-- security invoker, so the patients policy (least privilege inside the tenant) filters every row.

-- The expression is written out (not a function call) so that no function runs per row when
-- the index is written or a row is rechecked; search_patients repeats it verbatim.
create index patients_search_text_trgm_idx on public.patients
  using gin (tenant_id, pg_catalog.lower((full_name)::text || ' ' || coalesce(pg_catalog.ltrim((phone)::text, '+'), '') || ' ' || coalesce((email)::text, '')) extensions.gin_trgm_ops);
comment on index public.patients_search_text_trgm_idx is 'Front-desk search: trigrams of name, phone and e-mail within a tenant.';

create function public.search_patients(tenant_id uuid, query text, max_rows integer default 20)
returns table (
  patient_id uuid, full_name text, phone text, email text, date_of_birth date,
  registered_centre_id uuid, user_id uuid, score real)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Front-desk search: the patients of a clinic whose name, phone or e-mail contains the query
 * (or is spelled close to it), best match first - among the patients the caller may read (the
 * patients policy decides: tenant-wide staff all, centre-scoped staff those of their centres, a
 * clinician those in their care, a patient their own record).
 *
 * Parameters:
 *   tenant_id  the clinic
 *   query      at least 3 characters: part of a name ("pat", "sam pa"; a close spelling when
 *              nothing contains it), of
 *              a phone number in any format ("07700 900", "+44 7700" - only its digits count, a
 *              leading 0 is dropped, matched exactly) or of an e-mail ("@example.test"); at most
 *              100 characters
 *   max_rows   1-100 (default 20)
 * Returns: patient_id, full_name, phone, email, date_of_birth, registered_centre_id, user_id,
 *   score (trigram word similarity, 1 = exact): the records containing the query, by score, then
 *   name; when none does, the records spelled close to it.
 * Errors: 22023 missing tenant, a query shorter than 3 or longer than 100 characters, max_rows
 *   outside 1-100.
 * Example: supabase.rpc('search_patients', { tenant_id, query: '7700 900' }, { get: true })
 */
declare
  v_query text := pg_catalog.lower(pg_catalog.btrim(query));
  v_pattern text;
  v_digits_only boolean := false;
  v_found integer;
begin
  if search_patients.tenant_id is null then
    raise exception using errcode = '22023', message = 'tenant_id is required', hint = 'Pass the clinic''s id.';
  end if;
  if v_query is null or pg_catalog.char_length(v_query) < 3 or pg_catalog.char_length(v_query) > 100 then
    raise exception using errcode = '22023', message = 'the search needs 3 to 100 characters',
      hint = 'Type at least three letters of the name, digits of the phone number or characters of the e-mail.';
  end if;
  if max_rows is null or max_rows not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_rows must be between 1 and 100', hint = 'Ask for at most 100 patients.';
  end if;
  if v_query ~ '^[+0-9 ()./-]+$' and v_query ~ '[0-9]{3}' then
    -- a phone number: its digits, without a national trunk prefix, matched exactly (numbers
    -- that merely look alike are other people's)
    v_query := pg_catalog.ltrim(pg_catalog.regexp_replace(v_query, '[^0-9]', '', 'g'), '0');
    v_digits_only := true;
    if pg_catalog.char_length(v_query) < 3 then
      raise exception using errcode = '22023', message = 'the search needs 3 to 100 characters',
        hint = 'Type at least three digits of the phone number.';
    end if;
  end if;
  v_pattern := '%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';

  -- what the front desk typed, as a substring; close spellings only when nothing contains it
  return query
  with hit as (
    select p.id, p.full_name::text as full_name, p.phone::text as phone, p.email::text as email, p.date_of_birth,
           p.registered_centre_id, p.user_id,
           pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')) as text
    from public.patients as p
    where p.tenant_id = search_patients.tenant_id
      and pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')) like v_pattern
  )
  select h.id, h.full_name, h.phone, h.email, h.date_of_birth, h.registered_centre_id, h.user_id,
         extensions.word_similarity(v_query, h.text)::real
  from hit as h
  order by 8 desc, 2, 1
  limit max_rows;
  get diagnostics v_found = row_count;
  if v_found = 0 and not v_digits_only then
    return query
    select p.id, p.full_name::text, p.phone::text, p.email::text, p.date_of_birth, p.registered_centre_id, p.user_id,
           extensions.word_similarity(v_query,
             pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')))::real
    from public.patients as p
    where p.tenant_id = search_patients.tenant_id
      and v_query operator(extensions.<%)
          pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, ''))
    order by 8 desc, 2, 1
    limit max_rows;
  end if;
end
$$;
comment on function public.search_patients(uuid, text, integer) is
  'Front-desk search: patients of a clinic by part of the name, phone (any format) or e-mail, best match first, among the patients the caller may read (security invoker: the patients policy decides).';
revoke execute on function public.search_patients(uuid, text, integer) from public, anon, authenticated, service_role;
grant execute on function public.search_patients(uuid, text, integer) to authenticated, service_role;
