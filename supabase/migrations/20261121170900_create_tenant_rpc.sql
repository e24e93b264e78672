-- public.create_tenant(name, slug, timezone, currency, locale): how a signed-in person opens a
-- clinic on Slotbase. It creates the tenant, a membership for the caller and the owner role, in
-- one transaction, and returns the new tenant row.
--
-- public.create_tenant is security invoker (the API surface); the privileged work is in
-- private.create_tenant, security definer, because no API role may insert tenants, and the
-- caller cannot yet pass the members/member_roles insert policies of a tenant that does not
-- exist. Errors: 22023 invalid argument (with a hint per field), PT409 slug taken, PT403 no
-- signed-in user.

create function private.create_tenant(name text, slug text, timezone text, currency text, locale text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Creates a tenant owned by the caller (auth.uid()): the tenant row, a membership named after
 * the caller (user_metadata full_name, else e-mail, else phone; only a label, editable later),
 * and a tenant-wide owner role.
 *
 * security definer: API roles have no INSERT on tenants, and the caller is not yet a member of
 * the new tenant, so the members/member_roles policies would refuse them. It acts only for
 * auth.uid() and validates every argument.
 *
 * Parameters: name, slug, timezone, currency, locale - see public.create_tenant.
 * Returns:    the new tenant id.
 */
declare
  v_uid uuid := (select auth.uid());
  v_name public.non_empty_text;
  v_slug public.slug;
  v_timezone public.iana_timezone;
  v_currency public.currency_code;
  v_locale public.language_tag;
  v_display_name text;
  v_tenant_id uuid;
  v_member_id uuid;
begin
  if v_uid is null then
    raise exception using
      errcode = 'PT403',
      message = 'only a signed-in user can create a tenant',
      hint = 'Sign in first; the new tenant is owned by the signed-in user.';
  end if;

  begin
    v_name := pg_catalog.btrim(create_tenant.name);
  exception when check_violation or not_null_violation then
    raise exception using errcode = '22023', message = 'name is not valid',
      hint = 'Give the clinic a name of 1 to 500 characters.';
  end;
  if v_name is null then
    raise exception using errcode = '22023', message = 'name is required',
      hint = 'Give the clinic a name of 1 to 500 characters.';
  end if;
  begin
    v_slug := create_tenant.slug;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'slug is not valid',
      hint = 'Use 2 to 63 lower-case letters, digits and single hyphens, e.g. northside-health.';
  end;
  begin
    v_timezone := create_tenant.timezone;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'timezone is not valid',
      hint = 'Use an IANA time zone name, e.g. Europe/London or America/New_York.';
  end;
  begin
    v_currency := create_tenant.currency;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'currency is not valid',
      hint = 'Use an ISO 4217 code in capitals, e.g. GBP, USD, EUR.';
  end;
  begin
    v_locale := create_tenant.locale;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'locale is not valid',
      hint = 'Use a BCP 47 language tag, e.g. en-GB or en-US.';
  end;
  if v_slug is null or v_timezone is null or v_currency is null or v_locale is null then
    raise exception using errcode = '22023', message = 'slug, timezone, currency and locale are required',
      hint = 'Pass all five arguments: name, slug, timezone, currency, locale.';
  end if;

  if exists (select 1 from public.tenants as t where t.slug = v_slug) then
    raise exception using errcode = 'PT409', message = 'this slug is already taken',
      hint = 'Choose another slug for the clinic''s address.';
  end if;

  select coalesce(
           nullif(pg_catalog.left(pg_catalog.btrim(u.raw_user_meta_data ->> 'full_name'), 500), ''),
           u.email,
           '+' || u.phone,
           'Owner')
    into v_display_name
  from auth.users as u
  where u.id = v_uid;
  if v_display_name is null then
    raise exception using errcode = 'PT403', message = 'the signed-in user does not exist',
      hint = 'Sign in again.';
  end if;

  insert into public.tenants (name, slug, timezone, currency, locale)
  values (v_name, v_slug, v_timezone, v_currency, v_locale)
  returning id into v_tenant_id;

  insert into public.members (tenant_id, user_id, display_name)
  values (v_tenant_id, v_uid, v_display_name)
  returning id into v_member_id;

  insert into public.member_roles (tenant_id, member_id, role, centre_id, granted_by)
  values (v_tenant_id, v_member_id, 'owner', null, v_uid);

  return v_tenant_id;
exception
  when unique_violation then
    raise exception using errcode = 'PT409', message = 'this slug is already taken',
      hint = 'Choose another slug for the clinic''s address.';
end
$$;
comment on function private.create_tenant(text, text, text, text, text) is
  'Implementation of public.create_tenant (security definer: API roles cannot insert tenants, and the caller is not yet a member of the new tenant). Creates tenant, membership and owner role for auth.uid(); validates arguments (22023), slug taken (PT409).';
revoke execute on function private.create_tenant(text, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.create_tenant(text, text, text, text, text) to authenticated;

create function public.create_tenant(name text, slug text, timezone text, currency text, locale text)
returns public.tenants
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Opens a new clinic (tenant) owned by the signed-in caller, who becomes its owner member.
 * Booking-policy settings take their defaults; change them afterwards with an update.
 *
 * Parameters:
 *   name      display name, e.g. 'Northside Health'
 *   slug      unique URL handle, e.g. 'northside-health'
 *   timezone  IANA time zone, e.g. 'Europe/London'
 *   currency  ISO 4217 code, e.g. 'GBP'
 *   locale    BCP 47 tag, e.g. 'en-GB'
 * Returns: the new public.tenants row.
 * Errors:  22023 invalid argument (hint says which), PT409 slug taken, PT403 not signed in.
 * Example: select * from public.create_tenant('Northside Health', 'northside-health', 'Europe/London', 'GBP', 'en-GB');
 *          -- supabase.rpc('create_tenant', { name, slug, timezone, currency, locale })
 */
declare
  v_tenant_id uuid;
  v_tenant public.tenants;
begin
  v_tenant_id := private.create_tenant(create_tenant.name, create_tenant.slug, create_tenant.timezone,
                                       create_tenant.currency, create_tenant.locale);
  select t.* into v_tenant from public.tenants as t where t.id = v_tenant_id;
  return v_tenant;
end
$$;
comment on function public.create_tenant(text, text, text, text, text) is
  'Opens a new clinic (tenant) owned by the signed-in caller and returns it. Arguments: name, slug, timezone (IANA), currency (ISO 4217), locale (BCP 47). Errors: 22023 invalid argument, PT409 slug taken.';
revoke execute on function public.create_tenant(text, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.create_tenant(text, text, text, text, text) to authenticated;
