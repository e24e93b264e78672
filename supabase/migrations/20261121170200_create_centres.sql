-- public.centres: the physical sites of a tenant (where appointments happen), with address,
-- contact details and weekly opening hours.
--
-- Opening hours are validated by private.is_valid_opening_hours(jsonb): an object with exactly the
-- keys mon..sun, each an array of ["HH:MM", "HH:MM"] pairs, start < end, sorted and not
-- overlapping ("24:00" allowed as an end). A centre without a time zone takes its tenant's.
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create function private.is_valid_opening_hours(hours jsonb)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * Validates a weekly opening-hours document.
 *
 * Parameters: hours  e.g. {"mon": [["09:00","12:30"], ["13:30","18:00"]], "tue": [], ..., "sun": []}
 *   exactly the keys mon, tue, wed, thu, fri, sat, sun; each an array (empty = closed) of
 *   two-element arrays of "HH:MM" strings (00:00-23:59, end may be 24:00) with start < end,
 *   in ascending order and not overlapping.
 * Returns: true when valid, false otherwise (null for null).
 * Example: select private.is_valid_opening_hours('{"mon":[["09:00","17:00"]],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]}');
 */
declare
  v_day text;
  v_pair jsonb;
  v_previous_end text;
begin
  if hours is null then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(hours) <> 'object' then
    return false;
  end if;
  if (select pg_catalog.array_agg(k order by k) from pg_catalog.jsonb_object_keys(hours) as k)
     is distinct from array['fri', 'mon', 'sat', 'sun', 'thu', 'tue', 'wed'] then
    return false;
  end if;
  foreach v_day in array array['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] loop
    if pg_catalog.jsonb_typeof(hours -> v_day) <> 'array' then
      return false;
    end if;
    v_previous_end := null;
    for v_pair in select p from pg_catalog.jsonb_array_elements(hours -> v_day) as p loop
      if pg_catalog.jsonb_typeof(v_pair) <> 'array' or pg_catalog.jsonb_array_length(v_pair) <> 2
         or pg_catalog.jsonb_typeof(v_pair -> 0) <> 'string' or pg_catalog.jsonb_typeof(v_pair -> 1) <> 'string'
         or (v_pair ->> 0) !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or (v_pair ->> 1) !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
         or (v_pair ->> 0) >= (v_pair ->> 1)
         or (v_previous_end is not null and (v_pair ->> 0) < v_previous_end) then
        return false;
      end if;
      v_previous_end := v_pair ->> 1;
    end loop;
  end loop;
  return true;
end
$$;
comment on function private.is_valid_opening_hours(jsonb) is
  'True when the document has exactly the keys mon..sun, each an array of ["HH:MM","HH:MM"] pairs with start < end, ascending and not overlapping. Used by the centres_opening_hours_valid check.';
revoke execute on function private.is_valid_opening_hours(jsonb) from public, anon, authenticated, service_role;
grant execute on function private.is_valid_opening_hours(jsonb) to authenticated, service_role;

create table public.centres (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  name public.non_empty_text not null,
  slug public.slug not null,
  timezone public.iana_timezone not null,
  address_line1 public.non_empty_text null,
  address_line2 public.non_empty_text null,
  city public.non_empty_text null,
  region public.non_empty_text null,
  postal_code text null,
  country_code text null,
  phone public.e164_phone null,
  email public.email_address null,
  opening_hours jsonb not null default '{"mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}',
  is_active boolean not null default true,
  is_published boolean not null default false,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint centres_pkey primary key (tenant_id, id),
  constraint centres_tenant_id_slug_key unique (tenant_id, slug),
  constraint centres_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint centres_postal_code_format check (postal_code ~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,14}$'),
  constraint centres_country_code_format check (country_code ~ '^[A-Z]{2}$'),
  constraint centres_opening_hours_valid check (private.is_valid_opening_hours(opening_hours))
);
alter table public.centres enable row level security;

comment on table public.centres is
  'A site of a tenant where patients are seen: address, contact, weekly opening hours. Published, active centres of active tenants are public (booking site); staff see all of their tenant''s centres.';
comment on column public.centres.tenant_id is 'Owning tenant.';
comment on column public.centres.id is 'Centre id (unique within the tenant).';
comment on column public.centres.name is 'Display name, e.g. Northside Health - Camden.';
comment on column public.centres.slug is 'URL handle, unique within the tenant, e.g. camden.';
comment on column public.centres.timezone is 'IANA time zone of the site; defaults to the tenant''s time zone when omitted.';
comment on column public.centres.address_line1 is 'Street address, first line.';
comment on column public.centres.address_line2 is 'Street address, second line (building, floor).';
comment on column public.centres.city is 'City or town.';
comment on column public.centres.region is 'County, state or region.';
comment on column public.centres.postal_code is 'Postal code as written locally (letters, digits, spaces, hyphens; up to 15 characters).';
comment on column public.centres.country_code is 'ISO 3166-1 alpha-2 country code, upper-case, e.g. GB, US.';
comment on column public.centres.phone is 'Reception phone, E.164.';
comment on column public.centres.email is 'Reception e-mail, lower-case.';
comment on column public.centres.opening_hours is 'Weekly opening hours in the centre''s time zone: {"mon": [["09:00","12:30"],["13:30","18:00"]], ..., "sun": []}; all seven days present, an empty array means closed.';
comment on column public.centres.is_active is 'False when the centre is closed for good: hidden from the public, kept for history.';
comment on column public.centres.is_published is 'True when the centre appears on the public booking site (new centres start unpublished).';
comment on column public.centres.created_at is 'When the centre was created.';
comment on column public.centres.updated_at is 'When the centre was last changed (maintained by trigger).';
comment on constraint centres_tenant_id_slug_key on public.centres is 'A slug is unique within its tenant.';
comment on constraint centres_tenant_id_fkey on public.centres is 'A centre belongs to a tenant; a tenant with centres cannot be deleted (deactivate it instead).';
comment on constraint centres_postal_code_format on public.centres is 'Postal codes are 1-15 letters, digits, spaces or hyphens.';
comment on constraint centres_country_code_format on public.centres is 'Country codes are ISO 3166-1 alpha-2, upper-case.';
comment on constraint centres_opening_hours_valid on public.centres is 'Opening hours have all seven days, each a sorted list of non-overlapping ["HH:MM","HH:MM"] ranges with start < end.';

-- Anon/authenticated policies filter published centres per tenant.
create index centres_tenant_id_is_published_idx on public.centres (tenant_id) where is_published and is_active;
comment on index public.centres_tenant_id_is_published_idx is 'Serves the public select policies (published, active centres of a tenant).';

create function private.default_centre_timezone()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT row trigger on public.centres: a centre inserted without a time zone takes its
 * tenant's time zone. Reads public.tenants as the inserting role (staff of an active tenant can
 * read it); when the tenant is not visible the NOT NULL constraint reports the missing value.
 *
 * Returns: the new row.
 */
begin
  if new.timezone is null then
    select t.timezone into new.timezone from public.tenants as t where t.id = new.tenant_id;
  end if;
  return new;
end
$$;
comment on function private.default_centre_timezone() is
  'Trigger function: fills centres.timezone from the tenant when an insert leaves it out.';
revoke execute on function private.default_centre_timezone() from public, anon, authenticated, service_role;

create trigger default_timezone before insert on public.centres
  for each row execute function private.default_centre_timezone();
comment on trigger default_timezone on public.centres is 'A centre without a time zone takes its tenant''s.';

create trigger set_updated_at before update on public.centres
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.centres is 'Keeps updated_at current.';

-- public.centres: grants
revoke all on table public.centres from anon, authenticated, service_role;
grant select on table public.centres to anon, authenticated;
grant insert (tenant_id, id, name, slug, timezone, address_line1, address_line2, city, region, postal_code,
              country_code, phone, email, opening_hours, is_active, is_published)
  on table public.centres to authenticated;
grant update (name, slug, timezone, address_line1, address_line2, city, region, postal_code,
              country_code, phone, email, opening_hours, is_active, is_published)
  on table public.centres to authenticated;
grant delete on table public.centres to authenticated;
grant select, insert, update, delete on table public.centres to service_role;
