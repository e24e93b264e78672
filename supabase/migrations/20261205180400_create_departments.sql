-- Departments of a centre (e.g. Cardiology, Pharmacy) with the clinicians and services they
-- list, ordered for display on the centre's public page (docs/profile.md).
--
--   public.departments            tenant_id, id, centre_id, name, slug, description, display_order, is_published
--   public.department_clinicians  a clinician listed in a department, with its display_order
--   public.department_services    a service listed in a department, with its display_order
--
-- Anonymous visitors and other tenants see the published departments of published, active
-- centres of active tenants, and in them the public, active clinicians and services (the
-- existing policies of clinicians and services decide those). Staff of the tenant see all.
-- Written by those who manage the centre: practice managers (every centre) and the centre's
-- centre manager (private.centre_manager_roles()). A department stays at its centre (PT422).

create table public.departments (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  centre_id uuid not null,
  name public.non_empty_text not null,
  slug public.slug not null,
  description text null,
  display_order integer not null default 0,
  is_published boolean not null default true,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint departments_pkey primary key (tenant_id, id),
  constraint departments_tenant_id_centre_id_slug_key unique (tenant_id, centre_id, slug),
  constraint departments_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade,
  constraint departments_name_length check (pg_catalog.char_length(name) <= 100),
  constraint departments_description_length check (pg_catalog.char_length(description) <= 2000),
  constraint departments_display_order_range check (display_order between -10000 and 10000)
);
alter table public.departments enable row level security;
comment on table public.departments is
  'A department of a centre (e.g. Cardiology, Pharmacy) listing clinicians and services on the centre''s public page. Public when published at a published, active centre of an active tenant; written by practice managers and the centre''s centre manager.';
comment on column public.departments.tenant_id is 'Tenant of the centre.';
comment on column public.departments.id is 'Department id (unique within the tenant).';
comment on column public.departments.centre_id is 'The centre it belongs to; fixed once created.';
comment on column public.departments.name is 'Display name, e.g. Cardiology (at most 100 characters).';
comment on column public.departments.slug is 'URL handle, unique within the centre, e.g. cardiology.';
comment on column public.departments.description is 'What the department does, for the public page (at most 2000 characters).';
comment on column public.departments.display_order is 'Position on the centre''s page: ascending, then by name.';
comment on column public.departments.is_published is 'False hides the department from the public (staff still see it).';
comment on column public.departments.created_at is 'When the department was created.';
comment on column public.departments.updated_at is 'When the department was last changed (maintained by trigger).';
comment on constraint departments_tenant_id_centre_id_slug_key on public.departments is 'A slug is unique within its centre.';
comment on constraint departments_tenant_id_centre_id_fkey on public.departments is 'Same-tenant centre; deleting the centre deletes its departments.';
comment on constraint departments_name_length on public.departments is 'Department names are at most 100 characters.';
comment on constraint departments_description_length on public.departments is 'Descriptions are at most 2000 characters.';
comment on constraint departments_display_order_range on public.departments is 'Display positions lie between -10000 and 10000.';

create index departments_tenant_id_centre_id_idx on public.departments (tenant_id, centre_id, display_order);
comment on index public.departments_tenant_id_centre_id_idx is 'A centre''s departments in display order (public page; the centre foreign key).';

create trigger set_updated_at before update on public.departments
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.departments is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, centre_id on public.departments
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'centre_id');
comment on trigger refuse_key_change on public.departments is 'Keys and the centre never change (PT422); upserts may send them unchanged.';

create table public.department_clinicians (
  tenant_id uuid not null,
  department_id uuid not null,
  clinician_id uuid not null,
  display_order integer not null default 0,
  created_at timestamptz not null default pg_catalog.now(),
  constraint department_clinicians_pkey primary key (tenant_id, department_id, clinician_id),
  constraint department_clinicians_tenant_id_department_id_fkey foreign key (tenant_id, department_id) references public.departments (tenant_id, id) on delete cascade,
  constraint department_clinicians_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint department_clinicians_display_order_range check (display_order between -10000 and 10000)
);
alter table public.department_clinicians enable row level security;
comment on table public.department_clinicians is
  'A clinician listed in a department, in display order. Public when the department is public and the clinician public and active.';
comment on column public.department_clinicians.tenant_id is 'Tenant of the department and the clinician.';
comment on column public.department_clinicians.department_id is 'The department.';
comment on column public.department_clinicians.clinician_id is 'The clinician listed there.';
comment on column public.department_clinicians.display_order is 'Position in the department: ascending, then by name.';
comment on column public.department_clinicians.created_at is 'When the clinician was listed.';
comment on constraint department_clinicians_tenant_id_department_id_fkey on public.department_clinicians is 'Same-tenant department; deleting it removes the listing.';
comment on constraint department_clinicians_tenant_id_clinician_id_fkey on public.department_clinicians is 'Same-tenant clinician; deleting the profile removes the listing.';
comment on constraint department_clinicians_display_order_range on public.department_clinicians is 'Display positions lie between -10000 and 10000.';
create index department_clinicians_tenant_id_clinician_id_idx on public.department_clinicians (tenant_id, clinician_id);
comment on index public.department_clinicians_tenant_id_clinician_id_idx is 'Serves the clinician foreign key and "departments of this clinician" (directory search).';
create trigger refuse_key_change before update of tenant_id, department_id, clinician_id on public.department_clinicians
  for each row execute function private.refuse_key_change('tenant_id', 'department_id', 'clinician_id');
comment on trigger refuse_key_change on public.department_clinicians is 'Keys never change (PT422); upserts may send them unchanged.';

create table public.department_services (
  tenant_id uuid not null,
  department_id uuid not null,
  service_id uuid not null,
  display_order integer not null default 0,
  created_at timestamptz not null default pg_catalog.now(),
  constraint department_services_pkey primary key (tenant_id, department_id, service_id),
  constraint department_services_tenant_id_department_id_fkey foreign key (tenant_id, department_id) references public.departments (tenant_id, id) on delete cascade,
  constraint department_services_tenant_id_service_id_fkey foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade,
  constraint department_services_display_order_range check (display_order between -10000 and 10000)
);
alter table public.department_services enable row level security;
comment on table public.department_services is
  'A service listed in a department, in display order. Public when the department is public and the service public and active.';
comment on column public.department_services.tenant_id is 'Tenant of the department and the service.';
comment on column public.department_services.department_id is 'The department.';
comment on column public.department_services.service_id is 'The service listed there.';
comment on column public.department_services.display_order is 'Position in the department: ascending, then by name.';
comment on column public.department_services.created_at is 'When the service was listed.';
comment on constraint department_services_tenant_id_department_id_fkey on public.department_services is 'Same-tenant department; deleting it removes the listing.';
comment on constraint department_services_tenant_id_service_id_fkey on public.department_services is 'Same-tenant service; deleting the service removes the listing.';
comment on constraint department_services_display_order_range on public.department_services is 'Display positions lie between -10000 and 10000.';
create index department_services_tenant_id_service_id_idx on public.department_services (tenant_id, service_id);
comment on index public.department_services_tenant_id_service_id_idx is 'Serves the service foreign key and "departments offering this service" (directory search).';
create trigger refuse_key_change before update of tenant_id, department_id, service_id on public.department_services
  for each row execute function private.refuse_key_change('tenant_id', 'department_id', 'service_id');
comment on trigger refuse_key_change on public.department_services is 'Keys never change (PT422); upserts may send them unchanged.';

-- ---------------------------------------------------------------------------------------------
-- policies: one per table x command x role
-- ---------------------------------------------------------------------------------------------
create policy departments_select_anon on public.departments for select to anon
  using (is_published and (tenant_id, centre_id) in (
    select c.tenant_id, c.id from public.centres as c where c.is_published and c.is_active));
comment on policy departments_select_anon on public.departments is
  'Visitors see published departments of published, active centres of active tenants (the centres policy decides the centre and tenant).';
create policy departments_select_authenticated on public.departments for select to authenticated
  using (
    (is_published and (tenant_id, centre_id) in (
      select c.tenant_id, c.id from public.centres as c
      where c.is_published and c.is_active and c.tenant_id in (select t.id from public.tenants as t where t.is_active)))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy departments_select_authenticated on public.departments is
  'Signed-in users see what visitors see; staff see every department of their tenant.';
create policy departments_insert_authenticated on public.departments for insert to authenticated
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy departments_insert_authenticated on public.departments is
  'Practice managers create departments at any centre of their tenant; a centre manager at their centre.';
create policy departments_update_authenticated on public.departments for update to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy departments_update_authenticated on public.departments is
  'Practice managers edit the departments of every centre of their tenant; a centre manager those of their centre.';
create policy departments_delete_authenticated on public.departments for delete to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy departments_delete_authenticated on public.departments is
  'Practice managers delete departments of every centre of their tenant; a centre manager those of their centre.';

create policy department_clinicians_select_anon on public.department_clinicians for select to anon
  using (
    (tenant_id, department_id) in (select d.tenant_id, d.id from public.departments as d)
    and (tenant_id, clinician_id) in (select c.tenant_id, c.id from public.clinicians as c where c.is_public and c.is_active)
  );
comment on policy department_clinicians_select_anon on public.department_clinicians is
  'Visitors see the public, active clinicians listed in the departments they see.';
create policy department_clinicians_select_authenticated on public.department_clinicians for select to authenticated
  using (
    ((tenant_id, department_id) in (select d.tenant_id, d.id from public.departments as d)
     and (tenant_id, clinician_id) in (select c.tenant_id, c.id from public.clinicians as c where c.is_public and c.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy department_clinicians_select_authenticated on public.department_clinicians is
  'Signed-in users see what visitors see; staff see every listing of their tenant.';
create policy department_clinicians_insert_authenticated on public.department_clinicians for insert to authenticated
  with check ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_clinicians_insert_authenticated on public.department_clinicians is
  'Those who manage the department''s centre (practice managers, its centre manager) list clinicians in it.';
create policy department_clinicians_update_authenticated on public.department_clinicians for update to authenticated
  using ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)))
  with check ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_clinicians_update_authenticated on public.department_clinicians is
  'Those who manage the department''s centre reorder its clinicians.';
create policy department_clinicians_delete_authenticated on public.department_clinicians for delete to authenticated
  using ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_clinicians_delete_authenticated on public.department_clinicians is
  'Those who manage the department''s centre remove clinicians from it.';

create policy department_services_select_anon on public.department_services for select to anon
  using (
    (tenant_id, department_id) in (select d.tenant_id, d.id from public.departments as d)
    and (tenant_id, service_id) in (select s.tenant_id, s.id from public.services as s where s.is_public and s.is_active)
  );
comment on policy department_services_select_anon on public.department_services is
  'Visitors see the public, active services listed in the departments they see.';
create policy department_services_select_authenticated on public.department_services for select to authenticated
  using (
    ((tenant_id, department_id) in (select d.tenant_id, d.id from public.departments as d)
     and (tenant_id, service_id) in (select s.tenant_id, s.id from public.services as s where s.is_public and s.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy department_services_select_authenticated on public.department_services is
  'Signed-in users see what visitors see; staff see every listing of their tenant.';
create policy department_services_insert_authenticated on public.department_services for insert to authenticated
  with check ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_services_insert_authenticated on public.department_services is
  'Those who manage the department''s centre (practice managers, its centre manager) list services in it.';
create policy department_services_update_authenticated on public.department_services for update to authenticated
  using ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)))
  with check ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_services_update_authenticated on public.department_services is
  'Those who manage the department''s centre reorder its services.';
create policy department_services_delete_authenticated on public.department_services for delete to authenticated
  using ((tenant_id, department_id) in (
    select d.tenant_id, d.id from public.departments as d
    where (d.tenant_id, d.centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)));
comment on policy department_services_delete_authenticated on public.department_services is
  'Those who manage the department''s centre remove services from it.';

-- ---------------------------------------------------------------------------------------------
-- grants (upserts: the UPDATE grant covers every inserted column; keys are guarded above)
-- ---------------------------------------------------------------------------------------------
revoke all on table public.departments, public.department_clinicians, public.department_services from anon, authenticated, service_role;
grant select on table public.departments, public.department_clinicians, public.department_services to anon, authenticated;
grant insert (tenant_id, id, centre_id, name, slug, description, display_order, is_published),
      update (tenant_id, id, centre_id, name, slug, description, display_order, is_published)
  on table public.departments to authenticated;
grant insert (tenant_id, department_id, clinician_id, display_order), update (tenant_id, department_id, clinician_id, display_order)
  on table public.department_clinicians to authenticated;
grant insert (tenant_id, department_id, service_id, display_order), update (tenant_id, department_id, service_id, display_order)
  on table public.department_services to authenticated;
grant delete on table public.departments, public.department_clinicians, public.department_services to authenticated;
grant select, insert, update, delete on table public.departments, public.department_clinicians, public.department_services to service_role;

-- audited like the rest of the catalogue
create trigger audit_changes after insert or update or delete on public.departments
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.departments is 'Every change is recorded in the audit log (who, when, before/after).';
create trigger audit_changes after insert or update or delete on public.department_clinicians
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.department_clinicians is 'Every change is recorded in the audit log (who, when, before/after).';
create trigger audit_changes after insert or update or delete on public.department_services
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.department_services is 'Every change is recorded in the audit log (who, when, before/after).';
