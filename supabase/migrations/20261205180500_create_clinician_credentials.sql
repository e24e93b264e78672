-- Clinician credentials: registrations (number and authority), certificates, education, awards
-- and memberships, each public or private by an explicit flag (docs/profile.md). A credential may
-- point at its scanned certificate, a private Storage object in clinician-documents
-- (<tenant_id>/<clinician_id>/<file>, private.storage_path_belongs_to).
--
-- Who: a credential belongs to the clinician and the clinic's administration. The clinician
-- (their own profile, private.clinician_keys_of_current_user()) and tenant admins
-- (private.tenant_admin_roles()) read all of them and write them; everyone else - visitors,
-- patients, other staff - reads the public credentials of public, active clinicians, as on the
-- website. The same two write the certificate objects (20261205180800).

create type public.credential_kind as enum ('registration', 'certificate', 'education', 'award', 'membership');
comment on type public.credential_kind is
  'Kind of clinician credential: registration (licence with a number from an authority), certificate, education (degree, training), award, membership (professional body).';

create table public.clinician_credentials (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  clinician_id uuid not null,
  kind public.credential_kind not null,
  title public.non_empty_text not null,
  issuer public.non_empty_text null,
  reference_number text null,
  awarded_on date null,
  expires_on date null,
  certificate_path text null,
  is_public boolean not null default false,
  display_order integer not null default 0,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint clinician_credentials_pkey primary key (tenant_id, id),
  constraint clinician_credentials_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint clinician_credentials_title_length check (pg_catalog.char_length(title) <= 200),
  constraint clinician_credentials_issuer_length check (pg_catalog.char_length(issuer) <= 200),
  constraint clinician_credentials_reference_number_format check (reference_number ~ '^[A-Za-z0-9][A-Za-z0-9 ./-]{0,63}$'),
  constraint clinician_credentials_registration_complete check (kind <> 'registration' or (issuer is not null and reference_number is not null)),
  constraint clinician_credentials_dates_ordered check (expires_on > awarded_on),
  constraint clinician_credentials_awarded_after_1940 check (awarded_on >= date '1940-01-01'),
  constraint clinician_credentials_certificate_path_in_own_folder check (
    private.storage_path_belongs_to('clinician-documents', certificate_path, tenant_id, 'clinicians', clinician_id)),
  constraint clinician_credentials_display_order_range check (display_order between -10000 and 10000)
);
alter table public.clinician_credentials enable row level security;
comment on table public.clinician_credentials is
  'A clinician''s registration, certificate, education, award or membership. is_public decides whether visitors see it; the clinician and tenant admins see and write all of them. certificate_path points at the scan in the private bucket clinician-documents.';
comment on column public.clinician_credentials.tenant_id is 'Tenant of the clinician.';
comment on column public.clinician_credentials.id is 'Credential id (unique within the tenant).';
comment on column public.clinician_credentials.clinician_id is 'Whose credential it is; fixed once created.';
comment on column public.clinician_credentials.kind is 'registration, certificate, education, award or membership.';
comment on column public.clinician_credentials.title is 'What it is, e.g. Full registration with a licence to practise, MBBS (at most 200 characters).';
comment on column public.clinician_credentials.issuer is 'Authority or institution, e.g. General Medical Council, King''s College London (required for a registration).';
comment on column public.clinician_credentials.reference_number is 'Registration or certificate number as the issuer writes it, e.g. GMC 7012345 (required for a registration; up to 64 letters, digits, spaces, . / -).';
comment on column public.clinician_credentials.awarded_on is 'Date awarded or registered.';
comment on column public.clinician_credentials.expires_on is 'Date it lapses unless renewed (after awarded_on), if it does.';
comment on column public.clinician_credentials.certificate_path is 'Scan of the certificate: object name in the private bucket clinician-documents, <tenant_id>/<clinician_id>/<file>. Readable only by the clinician and tenant admins.';
comment on column public.clinician_credentials.is_public is 'True when the credential (not the scan) is shown on the website; false keeps it between the clinician and the administration.';
comment on column public.clinician_credentials.display_order is 'Position on the profile: ascending, then by date.';
comment on column public.clinician_credentials.created_at is 'When the credential was recorded.';
comment on column public.clinician_credentials.updated_at is 'When the credential was last changed (maintained by trigger).';
comment on constraint clinician_credentials_tenant_id_clinician_id_fkey on public.clinician_credentials is 'Same-tenant clinician; deleting the profile deletes its credentials.';
comment on constraint clinician_credentials_title_length on public.clinician_credentials is 'Titles are at most 200 characters.';
comment on constraint clinician_credentials_issuer_length on public.clinician_credentials is 'Issuers are at most 200 characters.';
comment on constraint clinician_credentials_reference_number_format on public.clinician_credentials is 'Reference numbers are 1-64 letters, digits, spaces, dots, slashes or hyphens.';
comment on constraint clinician_credentials_registration_complete on public.clinician_credentials is 'A registration names its authority (issuer) and number.';
comment on constraint clinician_credentials_dates_ordered on public.clinician_credentials is 'A credential expires after it was awarded.';
comment on constraint clinician_credentials_awarded_after_1940 on public.clinician_credentials is 'Award dates before 1940 are typos.';
comment on constraint clinician_credentials_certificate_path_in_own_folder on public.clinician_credentials is 'The scan lies in this clinician''s folder of clinician-documents.';
comment on constraint clinician_credentials_display_order_range on public.clinician_credentials is 'Display positions lie between -10000 and 10000.';

create index clinician_credentials_tenant_id_clinician_id_idx on public.clinician_credentials (tenant_id, clinician_id, display_order);
comment on index public.clinician_credentials_tenant_id_clinician_id_idx is 'A clinician''s credentials in display order (profile, public page; the clinician foreign key).';

create trigger set_updated_at before update on public.clinician_credentials
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.clinician_credentials is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, clinician_id on public.clinician_credentials
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'clinician_id');
comment on trigger refuse_key_change on public.clinician_credentials is 'Keys and the clinician never change (PT422); upserts may send them unchanged.';

create policy clinician_credentials_select_anon on public.clinician_credentials for select to anon
  using (is_public and (tenant_id, clinician_id) in (
    select c.tenant_id, c.id from public.clinicians as c where c.is_public and c.is_active));
comment on policy clinician_credentials_select_anon on public.clinician_credentials is
  'Visitors see the public credentials of public, active clinicians of active tenants (the clinicians policy decides those).';
create policy clinician_credentials_select_authenticated on public.clinician_credentials for select to authenticated
  using (
    (is_public and (tenant_id, clinician_id) in (
      select c.tenant_id, c.id from public.clinicians as c
      where c.is_public and c.is_active and c.tenant_id in (select t.id from public.tenants as t where t.is_active)))
    or tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy clinician_credentials_select_authenticated on public.clinician_credentials is
  'Signed-in users see public credentials of public clinicians; tenant admins and the clinician themself see all of the clinician''s credentials.';
create policy clinician_credentials_insert_authenticated on public.clinician_credentials for insert to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy clinician_credentials_insert_authenticated on public.clinician_credentials is
  'Tenant admins record credentials of any clinician of their tenant; a clinician their own.';
create policy clinician_credentials_update_authenticated on public.clinician_credentials for update to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy clinician_credentials_update_authenticated on public.clinician_credentials is
  'Tenant admins edit credentials of any clinician of their tenant; a clinician their own (including whether one is public).';
create policy clinician_credentials_delete_authenticated on public.clinician_credentials for delete to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy clinician_credentials_delete_authenticated on public.clinician_credentials is
  'Tenant admins delete credentials of any clinician of their tenant; a clinician their own.';

revoke all on table public.clinician_credentials from anon, authenticated, service_role;
grant select on table public.clinician_credentials to anon, authenticated;
grant insert (tenant_id, id, clinician_id, kind, title, issuer, reference_number, awarded_on, expires_on, certificate_path, is_public, display_order),
      update (tenant_id, id, clinician_id, kind, title, issuer, reference_number, awarded_on, expires_on, certificate_path, is_public, display_order)
  on table public.clinician_credentials to authenticated;
grant delete on table public.clinician_credentials to authenticated;
grant select, insert, update, delete on table public.clinician_credentials to service_role;

create trigger audit_changes after insert or update or delete on public.clinician_credentials
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.clinician_credentials is 'Every change is recorded in the audit log (who, when, before/after).';
