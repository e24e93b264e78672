-- Types and domains shared by the tenancy tables (issue 3). They live in `public` so that
-- `supabase gen types` shows them to client code (enums become TypeScript unions; domains map to
-- their base type). Validation lives here, once, instead of being repeated per column.
--
-- Objects: enums public.staff_role, public.contact_channel, public.blood_group; domains
-- public.e164_phone, public.email_address, public.slug, public.currency_code,
-- public.iana_timezone, public.non_empty_text, public.language_tag; helper
-- private.is_iana_timezone(text) used by the iana_timezone domain.
--
-- Caveat: a domain CHECK that calls a function runs with the privileges of the role writing the
-- row, so the helper is executable by authenticated and service_role (anon writes nothing).

-- ---------------------------------------------------------------------------------------------
-- Enums
-- ---------------------------------------------------------------------------------------------

create type public.staff_role as enum (
  'owner', 'admin', 'manager', 'centre_manager', 'clinician', 'care_coordinator', 'front_desk'
);
comment on type public.staff_role is
  'What a staff member may do in a tenant, most powerful first. owner: everything incl. granting owner/admin; admin: runs the tenant (staff, settings), cannot grant owner/admin; manager: centres, clinicians, patients; centre_manager: one centre (always centre-scoped); clinician: own profile and medical notes; care_coordinator and front_desk: patients and bookings.';

create type public.contact_channel as enum ('sms', 'email');
comment on type public.contact_channel is 'How a patient prefers to be contacted: sms or email.';

create type public.blood_group as enum ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-');
comment on type public.blood_group is 'ABO blood group with RhD sign.';

-- ---------------------------------------------------------------------------------------------
-- Helper for the iana_timezone domain
-- ---------------------------------------------------------------------------------------------

create function private.is_iana_timezone(tz text)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * True when `tz` is an IANA time zone name PostgreSQL knows (pg_timezone_names), e.g.
 * 'Europe/London', 'America/New_York', 'UTC'. POSIX strings ('UTC+5', '<+05>-5') and offsets
 * are refused: they have no daylight-saving rules, so local clinic hours would drift.
 *
 * Marked immutable so a domain CHECK may use it; strictly it depends on the server's tz
 * database, which only ever adds names.
 *
 * Parameters: tz  the candidate name.
 * Returns:    true/false; null for null (a domain CHECK then passes and NOT NULL decides).
 * Example:    select private.is_iana_timezone('Europe/London');  -- true
 */
begin
  if tz is null then
    return null;
  end if;
  if tz !~ '^[A-Za-z][A-Za-z0-9_]*(/[A-Za-z0-9_+-]+){0,2}$' or tz ~ '^(posix|right)/' then
    return false;
  end if;
  perform pg_catalog.now() at time zone tz;
  return true;
exception
  when invalid_parameter_value then
    return false;
end
$$;
comment on function private.is_iana_timezone(text) is
  'True when the text is a time zone name PostgreSQL accepts (pg_timezone_names), refusing POSIX offset strings. Used by the public.iana_timezone domain.';
revoke execute on function private.is_iana_timezone(text) from public, anon, authenticated, service_role;
grant execute on function private.is_iana_timezone(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Domains
-- ---------------------------------------------------------------------------------------------

create domain public.e164_phone as text
  constraint e164_phone_format check (value ~ '^\+[1-9][0-9]{6,14}$');
comment on domain public.e164_phone is
  'Phone number in E.164 with the leading +, e.g. +447700900123 (7 to 15 digits). Note: Supabase Auth stores auth.users.phone without the +.';

create domain public.email_address as text
  constraint email_address_lower_case check (value = pg_catalog.lower(value))
  constraint email_address_length check (pg_catalog.char_length(value) <= 254)
  constraint email_address_format check (
    value ~ '^[a-z0-9.!#$%&''*+/=?^_`{|}~-]+@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$'
  );
comment on domain public.email_address is
  'E-mail address, lower-case, at most 254 characters, local@domain.tld shape (RFC 5321-ish, no quoted local parts). Lower-case it before storing.';

create domain public.slug as text
  constraint slug_length check (pg_catalog.char_length(value) between 2 and 63)
  constraint slug_format check (value ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
comment on domain public.slug is
  'URL-safe identifier: 2 to 63 lower-case letters, digits and single inner hyphens, e.g. northside-health.';

create domain public.currency_code as text
  constraint currency_code_format check (value ~ '^[A-Z]{3}$');
comment on domain public.currency_code is 'ISO 4217 currency code, three upper-case letters, e.g. GBP, USD, EUR.';

create domain public.iana_timezone as text
  constraint iana_timezone_known check (private.is_iana_timezone(value));
comment on domain public.iana_timezone is
  'IANA time zone name known to PostgreSQL, e.g. Europe/London. Offsets and POSIX strings are refused (no daylight-saving rules).';

create domain public.non_empty_text as text
  constraint non_empty_text_not_blank check (pg_catalog.btrim(value) <> '')
  constraint non_empty_text_length check (pg_catalog.char_length(value) <= 500);
comment on domain public.non_empty_text is 'Text that is not blank (not only spaces) and at most 500 characters: names, titles, labels.';

create domain public.language_tag as text
  constraint language_tag_format check (value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$');
comment on domain public.language_tag is 'BCP 47-style language tag: a 2-3 letter lower-case language and optional subtags, e.g. en, en-GB, pt-BR, yue-Hant.';
