-- public.clinicians (practitioner profiles shown on the booking site) and
-- public.clinician_centres (where each clinician works).
--
-- A profile may be linked to a staff member (member_id) - then that person edits their own
-- profile - or stand alone (a visiting practitioner without an account). anon reads public,
-- active profiles of active tenants through a column grant that leaves out member_id (who has
-- an account is internal). A clinician editing their own profile cannot change what the practice
-- controls: is_active, is_public, member_id, consultation_fee, fee_currency (trigger, PT403).
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create table public.clinicians (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  member_id uuid null,
  display_name public.non_empty_text not null,
  title public.non_empty_text null,
  specialisations public.non_empty_text[] not null default '{}',
  qualifications public.non_empty_text[] not null default '{}',
  languages public.language_tag[] not null default '{}',
  consultation_fee numeric(12, 2) null,
  fee_currency public.currency_code null,
  bio text null,
  photo_path text null,
  default_consultation_minutes integer not null default 30,
  is_public boolean not null default false,
  is_active boolean not null default true,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint clinicians_pkey primary key (tenant_id, id),
  constraint clinicians_tenant_id_member_id_key unique (tenant_id, member_id),
  constraint clinicians_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint clinicians_tenant_id_member_id_fkey foreign key (tenant_id, member_id) references public.members (tenant_id, id) on delete set null (member_id),
  constraint clinicians_specialisations_valid check (pg_catalog.array_position(specialisations, null) is null and pg_catalog.cardinality(specialisations) <= 30),
  constraint clinicians_qualifications_valid check (pg_catalog.array_position(qualifications, null) is null and pg_catalog.cardinality(qualifications) <= 30),
  constraint clinicians_languages_valid check (pg_catalog.array_position(languages, null) is null and pg_catalog.cardinality(languages) <= 20),
  constraint clinicians_consultation_fee_non_negative check (consultation_fee >= 0),
  constraint clinicians_fee_currency_with_fee check (consultation_fee is null or fee_currency is not null),
  constraint clinicians_bio_length check (pg_catalog.char_length(bio) <= 4000),
  constraint clinicians_photo_path_format check (
    pg_catalog.starts_with(photo_path, 'clinicians/' || tenant_id::text || '/')
    and photo_path ~ '^clinicians/[0-9a-f-]{36}/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$'
    and photo_path !~ '(^|/)\.\.?(/|$)'
    and pg_catalog.char_length(photo_path) <= 1024
  ),
  constraint clinicians_default_consultation_minutes_range check (default_consultation_minutes between 5 and 480)
);
alter table public.clinicians enable row level security;

comment on table public.clinicians is
  'Practitioner profile shown on the booking site: name, title, specialisations, languages, fee, bio, photo. Public when is_public and is_active (and the tenant is active). Linked to a staff member when the clinician has an account.';
comment on column public.clinicians.tenant_id is 'Tenant the clinician practises for.';
comment on column public.clinicians.id is 'Clinician id (unique within the tenant).';
comment on column public.clinicians.member_id is 'Staff membership of the clinician, if they have an account (at most one profile per member); null for practitioners without one. Not readable by anon.';
comment on column public.clinicians.display_name is 'Name shown to patients, e.g. Dr Priya Nair.';
comment on column public.clinicians.title is 'Professional title, e.g. Consultant Dermatologist.';
comment on column public.clinicians.specialisations is 'Specialisations, e.g. {Dermatology, Paediatric dermatology} (at most 30, none blank).';
comment on column public.clinicians.qualifications is 'Qualifications, e.g. {MBBS, MRCP} (at most 30, none blank).';
comment on column public.clinicians.languages is 'Languages spoken with patients, BCP 47 tags, e.g. {en, hi}.';
comment on column public.clinicians.consultation_fee is 'Standard consultation fee, >= 0, in fee_currency; null when not shown. Set by the practice, not the clinician.';
comment on column public.clinicians.fee_currency is 'ISO 4217 currency of consultation_fee; required when a fee is set.';
comment on column public.clinicians.bio is 'Free-text biography (at most 4000 characters).';
comment on column public.clinicians.photo_path is 'Supabase Storage object path of the photo: clinicians/<tenant_id>/<file or folders>, no ".." segments.';
comment on column public.clinicians.default_consultation_minutes is 'Default appointment length, 5 to 480 minutes.';
comment on column public.clinicians.is_public is 'True when the profile is listed on the booking site. Set by the practice.';
comment on column public.clinicians.is_active is 'False when the clinician no longer practises here: hidden from the public. Set by the practice.';
comment on column public.clinicians.created_at is 'When the profile was created.';
comment on column public.clinicians.updated_at is 'When the profile was last changed (maintained by trigger).';
comment on constraint clinicians_tenant_id_member_id_key on public.clinicians is 'A member has at most one clinician profile per tenant.';
comment on constraint clinicians_tenant_id_fkey on public.clinicians is 'A clinician belongs to a tenant.';
comment on constraint clinicians_tenant_id_member_id_fkey on public.clinicians is 'The linked member belongs to the same tenant; deleting the member unlinks the profile (keeps it).';
comment on constraint clinicians_specialisations_valid on public.clinicians is 'At most 30 specialisations, no null entries.';
comment on constraint clinicians_qualifications_valid on public.clinicians is 'At most 30 qualifications, no null entries.';
comment on constraint clinicians_languages_valid on public.clinicians is 'At most 20 languages, no null entries.';
comment on constraint clinicians_consultation_fee_non_negative on public.clinicians is 'Fees are zero or positive.';
comment on constraint clinicians_fee_currency_with_fee on public.clinicians is 'A fee always has a currency.';
comment on constraint clinicians_bio_length on public.clinicians is 'A bio is at most 4000 characters.';
comment on constraint clinicians_photo_path_format on public.clinicians is 'Photos live under clinicians/<tenant_id>/ in Storage; no traversal segments.';
comment on constraint clinicians_default_consultation_minutes_range on public.clinicians is 'Appointments last 5 minutes to 8 hours.';

create index clinicians_tenant_id_public_idx on public.clinicians (tenant_id) where is_public and is_active;
comment on index public.clinicians_tenant_id_public_idx is 'Serves the public select policies (public, active clinicians of a tenant).';
-- (tenant_id, member_id) is covered by clinicians_tenant_id_member_id_key.

create function private.guard_clinician_self_edit()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE UPDATE row trigger on public.clinicians: a signed-in user who is not an owner, admin
 * or manager of the tenant (i.e. the clinician editing their own profile) may not change
 * is_active, is_public, member_id, consultation_fee or fee_currency (PT403). service_role and
 * database sessions are not restricted.
 *
 * Returns: the new row.
 */
begin
  if (select auth.uid()) is null then
    return new;
  end if;
  if (new.is_active, new.is_public, new.member_id, new.consultation_fee, new.fee_currency)
       is distinct from (old.is_active, old.is_public, old.member_id, old.consultation_fee, old.fee_currency)
     and new.tenant_id not in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])) then
    raise exception using
      errcode = 'PT403',
      message = 'only the practice can change visibility, status, account link or fee of a clinician profile',
      hint = 'Ask an owner, admin or manager of the tenant.';
  end if;
  return new;
end
$$;
comment on function private.guard_clinician_self_edit() is
  'Trigger function on clinicians: clinicians editing their own profile cannot change is_active, is_public, member_id, consultation_fee or fee_currency (PT403).';
revoke execute on function private.guard_clinician_self_edit() from public, anon, authenticated, service_role;

create trigger guard_self_edit before update on public.clinicians
  for each row execute function private.guard_clinician_self_edit();
comment on trigger guard_self_edit on public.clinicians is 'Clinicians cannot change practice-controlled fields of their own profile.';

create trigger set_updated_at before update on public.clinicians
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.clinicians is 'Keeps updated_at current.';

create table public.clinician_centres (
  tenant_id uuid not null,
  clinician_id uuid not null,
  centre_id uuid not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint clinician_centres_pkey primary key (tenant_id, clinician_id, centre_id),
  constraint clinician_centres_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint clinician_centres_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade
);
alter table public.clinician_centres enable row level security;

comment on table public.clinician_centres is
  'Where a clinician works: one row per clinician and centre of the same tenant. Public when the clinician is public and the centre published.';
comment on column public.clinician_centres.tenant_id is 'Tenant of both the clinician and the centre.';
comment on column public.clinician_centres.clinician_id is 'The clinician.';
comment on column public.clinician_centres.centre_id is 'A centre where they see patients.';
comment on column public.clinician_centres.created_at is 'When the clinician was assigned to the centre.';
comment on constraint clinician_centres_tenant_id_clinician_id_fkey on public.clinician_centres is 'Same-tenant clinician; deleting the clinician removes the assignment.';
comment on constraint clinician_centres_tenant_id_centre_id_fkey on public.clinician_centres is 'Same-tenant centre; deleting the centre removes the assignment.';

create index clinician_centres_tenant_id_centre_id_idx on public.clinician_centres (tenant_id, centre_id);
comment on index public.clinician_centres_tenant_id_centre_id_idx is 'Serves the centre foreign key and "clinicians at this centre" lookups.';

-- public.clinicians: grants. anon: every column except member_id.
revoke all on table public.clinicians from anon, authenticated, service_role;
grant select (tenant_id, id, display_name, title, specialisations, qualifications, languages, consultation_fee,
              fee_currency, bio, photo_path, default_consultation_minutes, is_public, is_active, created_at, updated_at)
  on table public.clinicians to anon;
grant select on table public.clinicians to authenticated;
grant insert (tenant_id, id, member_id, display_name, title, specialisations, qualifications, languages,
              consultation_fee, fee_currency, bio, photo_path, default_consultation_minutes, is_public, is_active)
  on table public.clinicians to authenticated;
grant update (member_id, display_name, title, specialisations, qualifications, languages, consultation_fee,
              fee_currency, bio, photo_path, default_consultation_minutes, is_public, is_active)
  on table public.clinicians to authenticated;
grant delete on table public.clinicians to authenticated;
grant select, insert, update, delete on table public.clinicians to service_role;

-- public.clinician_centres: grants (no update: delete and insert instead)
revoke all on table public.clinician_centres from anon, authenticated, service_role;
grant select on table public.clinician_centres to anon, authenticated;
grant insert (tenant_id, clinician_id, centre_id) on table public.clinician_centres to authenticated;
grant delete on table public.clinician_centres to authenticated;
grant select, insert, delete on table public.clinician_centres to service_role;
