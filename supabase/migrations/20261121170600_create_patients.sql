-- public.patients: a person's record with one tenant (demographics, contact, consents). A
-- patient may have an account (user_id) - then they read and edit their own record - or not
-- (registered by the front desk; linked later when they sign in with a verified matching phone
-- or e-mail, by the auth.users linking trigger of issue 3).
--
-- user_id is never written by staff through the API: the column is not in the UPDATE grant, and
-- the staff INSERT policy requires it to be null. The only ways to set it are self-registration
-- (user_id = auth.uid(), once per tenant) and the linking trigger.
-- Validation: date_of_birth after 1900-01-01 (check) and not in the future (trigger, PT422);
-- emergency_contact and consents shapes (private validators).
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create function private.is_valid_emergency_contact(contact jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when `contact` is {"name": <non-blank string <= 200>, "phone": <E.164 string>,
   * "relationship": <non-blank string <= 100>} with no other keys (null passes).
   * Example: select private.is_valid_emergency_contact('{"name": "Ana Patel", "phone": "+447700900002", "relationship": "spouse"}');
   */
  select contact is null or (
    pg_catalog.jsonb_typeof(contact) = 'object'
    and (select pg_catalog.array_agg(k order by k) from pg_catalog.jsonb_object_keys(contact) as k)
        = array['name', 'phone', 'relationship']
    and pg_catalog.jsonb_typeof(contact -> 'name') = 'string'
    and pg_catalog.btrim(contact ->> 'name') <> '' and pg_catalog.char_length(contact ->> 'name') <= 200
    and pg_catalog.jsonb_typeof(contact -> 'phone') = 'string'
    and (contact ->> 'phone') ~ '^\+[1-9][0-9]{6,14}$'
    and pg_catalog.jsonb_typeof(contact -> 'relationship') = 'string'
    and pg_catalog.btrim(contact ->> 'relationship') <> '' and pg_catalog.char_length(contact ->> 'relationship') <= 100
  )
$$;
comment on function private.is_valid_emergency_contact(jsonb) is
  'True when the emergency contact is exactly {name, phone (E.164), relationship}, all non-blank strings. Used by patients_emergency_contact_valid.';
revoke execute on function private.is_valid_emergency_contact(jsonb) from public, anon, authenticated, service_role;
grant execute on function private.is_valid_emergency_contact(jsonb) to authenticated, service_role;

create function private.is_valid_consents(consents jsonb)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * True when `consents` is an object of consent name -> {"granted": <boolean>, "at": <ISO 8601
 * timestamp with offset>} and nothing else. Consent names are snake_case (e.g. sms_reminders,
 * email_marketing, data_processing), at most 63 characters.
 *
 * Example: select private.is_valid_consents('{"sms_reminders": {"granted": true, "at": "2026-11-01T09:00:00Z"}}');
 */
declare
  v_name text;
  v_value jsonb;
begin
  if consents is null then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(consents) <> 'object' then
    return false;
  end if;
  for v_name, v_value in select e.key, e.value from pg_catalog.jsonb_each(consents) as e loop
    if v_name !~ '^[a-z][a-z0-9_]{0,62}$'
       or pg_catalog.jsonb_typeof(v_value) <> 'object'
       or (select pg_catalog.array_agg(k order by k) from pg_catalog.jsonb_object_keys(v_value) as k) <> array['at', 'granted']
       or pg_catalog.jsonb_typeof(v_value -> 'granted') <> 'boolean'
       or pg_catalog.jsonb_typeof(v_value -> 'at') <> 'string'
       or (v_value ->> 'at') !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$' then
      return false;
    end if;
    perform (v_value ->> 'at')::timestamptz;
  end loop;
  return true;
exception
  when datetime_field_overflow or invalid_datetime_format then
    return false;
end
$$;
comment on function private.is_valid_consents(jsonb) is
  'True when consents is an object of snake_case consent name -> {granted: boolean, at: ISO 8601 timestamp with offset}. Used by patients_consents_valid.';
revoke execute on function private.is_valid_consents(jsonb) from public, anon, authenticated, service_role;
grant execute on function private.is_valid_consents(jsonb) to authenticated, service_role;

create table public.patients (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  user_id uuid null,
  full_name public.non_empty_text not null,
  phone public.e164_phone null,
  email public.email_address null,
  date_of_birth date null,
  gender text null,
  blood_group public.blood_group null,
  emergency_contact jsonb null,
  consents jsonb not null default '{}',
  preferred_language public.language_tag null,
  preferred_channel public.contact_channel null,
  lead_source text null,
  created_by uuid null default auth.uid(),
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint patients_pkey primary key (tenant_id, id),
  constraint patients_tenant_id_user_id_key unique (tenant_id, user_id),
  constraint patients_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint patients_user_id_fkey foreign key (user_id) references auth.users (id) on delete set null,
  constraint patients_created_by_fkey foreign key (created_by) references auth.users (id) on delete set null,
  constraint patients_date_of_birth_after_1900 check (date_of_birth >= date '1900-01-01'),
  constraint patients_gender_valid check (gender in ('female', 'male', 'non_binary', 'other', 'undisclosed')),
  constraint patients_emergency_contact_valid check (private.is_valid_emergency_contact(emergency_contact)),
  constraint patients_consents_valid check (private.is_valid_consents(consents)),
  constraint patients_lead_source_format check (lead_source ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);
alter table public.patients enable row level security;

comment on table public.patients is
  'A person''s patient record with one tenant. Staff of the tenant read it; patients with an account read and edit their own; owners and admins delete it (only while it has no medical notes).';
comment on column public.patients.tenant_id is 'Tenant holding the record.';
comment on column public.patients.id is 'Patient id (unique within the tenant).';
comment on column public.patients.user_id is 'The patient''s own auth user, once linked (self-registration or sign-in with a verified matching phone/e-mail). Never set by staff. At most one record per user and tenant; null when the user is deleted.';
comment on column public.patients.full_name is 'Full name as the patient gives it.';
comment on column public.patients.phone is 'Mobile phone, E.164 with + (used for SMS and account linking).';
comment on column public.patients.email is 'E-mail, lower-case (used for e-mail and account linking).';
comment on column public.patients.date_of_birth is 'Date of birth: after 1900-01-01 and not in the future.';
comment on column public.patients.gender is 'Self-described gender: female, male, non_binary, other or undisclosed.';
comment on column public.patients.blood_group is 'ABO/RhD blood group, if known.';
comment on column public.patients.emergency_contact is 'Emergency contact: {"name", "phone" (E.164), "relationship"}.';
comment on column public.patients.consents is 'Consents given or withdrawn: {"<consent>": {"granted": true|false, "at": "<ISO 8601 time>"}}, e.g. sms_reminders, email_marketing.';
comment on column public.patients.preferred_language is 'Language for messages, BCP 47.';
comment on column public.patients.preferred_channel is 'Preferred contact channel: sms or email.';
comment on column public.patients.lead_source is 'How the patient found the clinic, snake_case tag, e.g. google, referral, walk_in.';
comment on column public.patients.created_by is 'Auth user who created the record (the requesting user; the patient themself when self-registered).';
comment on column public.patients.created_at is 'When the record was created.';
comment on column public.patients.updated_at is 'When the record was last changed (maintained by trigger).';
comment on constraint patients_tenant_id_user_id_key on public.patients is 'A user has at most one patient record per tenant.';
comment on constraint patients_tenant_id_fkey on public.patients is 'A patient record belongs to a tenant.';
comment on constraint patients_user_id_fkey on public.patients is 'Deleting the auth user unlinks the record (the clinical record stays).';
comment on constraint patients_created_by_fkey on public.patients is 'The creating user, kept as null when that user is deleted.';
comment on constraint patients_date_of_birth_after_1900 on public.patients is 'Dates of birth before 1900 are typos.';
comment on constraint patients_gender_valid on public.patients is 'Gender is one of female, male, non_binary, other, undisclosed.';
comment on constraint patients_emergency_contact_valid on public.patients is 'Emergency contact is {name, phone, relationship}.';
comment on constraint patients_consents_valid on public.patients is 'Consents map snake_case names to {granted, at}.';
comment on constraint patients_lead_source_format on public.patients is 'Lead sources are short snake_case tags.';

create index patients_user_id_idx on public.patients (user_id) where user_id is not null;
comment on index public.patients_user_id_idx is 'Serves the own-record policies (user_id = auth.uid()) and the user foreign key.';
create index patients_tenant_id_phone_idx on public.patients (tenant_id, phone) where phone is not null;
comment on index public.patients_tenant_id_phone_idx is 'Finds a patient by phone within a tenant (front desk search, account linking).';
create index patients_tenant_id_email_idx on public.patients (tenant_id, email) where email is not null;
comment on index public.patients_tenant_id_email_idx is 'Finds a patient by e-mail within a tenant (front desk search, account linking).';
create index patients_created_by_idx on public.patients (created_by) where created_by is not null;
comment on index public.patients_created_by_idx is 'Serves the created_by foreign key.';

create function private.guard_patient_row()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.patients:
 *   * date_of_birth must not be in the future (PT422; a CHECK cannot use the current date);
 *   * on insert by a signed-in user, created_by is that user.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if new.date_of_birth > current_date then
    raise exception using
      errcode = 'PT422',
      message = 'date of birth is in the future',
      hint = 'Check the date (format YYYY-MM-DD).';
  end if;
  if tg_op = 'INSERT' and v_uid is not null then
    new.created_by := v_uid;
  end if;
  return new;
end
$$;
comment on function private.guard_patient_row() is
  'Trigger function on patients: refuses a date of birth in the future (PT422); created_by is the requesting user.';
revoke execute on function private.guard_patient_row() from public, anon, authenticated, service_role;

create trigger guard_patient_row before insert or update on public.patients
  for each row execute function private.guard_patient_row();
comment on trigger guard_patient_row on public.patients is 'Date of birth not in the future; created_by is the caller.';

create trigger set_updated_at before update on public.patients
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.patients is 'Keeps updated_at current.';

-- public.patients: grants. No anon access; user_id/tenant_id/created_by never updatable via the API.
revoke all on table public.patients from anon, authenticated, service_role;
grant select on table public.patients to authenticated;
grant insert (tenant_id, id, user_id, full_name, phone, email, date_of_birth, gender, blood_group, emergency_contact,
              consents, preferred_language, preferred_channel, lead_source)
  on table public.patients to authenticated;
grant update (full_name, phone, email, date_of_birth, gender, blood_group, emergency_contact, consents,
              preferred_language, preferred_channel, lead_source)
  on table public.patients to authenticated;
grant delete on table public.patients to authenticated;
grant select, insert, update, delete on table public.patients to service_role;
