-- external_id on patients, clinicians and services: the id a record has in the system it was
-- imported from (a practice management system, a spreadsheet). Bulk import matches rows on it
-- first (docs/import.md), so importing the same file again changes nothing. Unique per tenant;
-- at most 100 printable characters without surrounding spaces.

alter table public.patients add column external_id text null;
alter table public.patients
  add constraint patients_external_id_format check (external_id ~ '^[^\s\x00-\x1f\x7f](.{0,98}[^\s\x00-\x1f\x7f])?$'),
  add constraint patients_tenant_id_external_id_key unique (tenant_id, external_id);
comment on column public.patients.external_id is 'The patient''s id in the system the record was imported from; unique in the tenant; bulk import matches on it first.';
comment on constraint patients_external_id_format on public.patients is 'External ids are 1 to 100 characters without surrounding spaces or control characters.';
comment on constraint patients_tenant_id_external_id_key on public.patients is 'An external id names one patient of the tenant.';

alter table public.clinicians add column external_id text null;
alter table public.clinicians
  add constraint clinicians_external_id_format check (external_id ~ '^[^\s\x00-\x1f\x7f](.{0,98}[^\s\x00-\x1f\x7f])?$'),
  add constraint clinicians_tenant_id_external_id_key unique (tenant_id, external_id);
comment on column public.clinicians.external_id is 'The clinician''s id in the system the profile was imported from; unique in the tenant; bulk import matches on it first.';
comment on constraint clinicians_external_id_format on public.clinicians is 'External ids are 1 to 100 characters without surrounding spaces or control characters.';
comment on constraint clinicians_tenant_id_external_id_key on public.clinicians is 'An external id names one clinician of the tenant.';

alter table public.services add column external_id text null;
alter table public.services
  add constraint services_external_id_format check (external_id ~ '^[^\s\x00-\x1f\x7f](.{0,98}[^\s\x00-\x1f\x7f])?$'),
  add constraint services_tenant_id_external_id_key unique (tenant_id, external_id);
comment on column public.services.external_id is 'The service''s id in the system it was imported from; unique in the tenant; bulk import matches on it first.';
comment on constraint services_external_id_format on public.services is 'External ids are 1 to 100 characters without surrounding spaces or control characters.';
comment on constraint services_tenant_id_external_id_key on public.services is 'An external id names one service of the tenant.';

grant insert (external_id), update (external_id) on table public.patients to authenticated;
grant insert (external_id), update (external_id) on table public.clinicians to authenticated;
grant insert (external_id), update (external_id) on table public.services to authenticated;
