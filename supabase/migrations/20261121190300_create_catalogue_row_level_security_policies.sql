-- Row-level security policies of the catalogue tables (issue 4): services, clinician_services,
-- resources. Same style as 20261121170850: exactly one policy per table x command x role
-- (`to anon` / `to authenticated`), named <table>_<command>_<role>, helpers from 20261121170800
-- wrapped in `(select ...)`. service_role bypasses RLS (grants in the table migrations).
-- The matrix in plain words: docs/access-matrix.md and docs/catalogue.md.
--
--   read     visitors and patients: public, active services of active tenants, and which public
--            clinicians offer them; staff (any role, also of a suspended tenant): everything of
--            their tenant, resources included. Resources are never visible to non-staff.
--   write    owners, admins and managers of an active tenant: services, clinician_services,
--            resources; centre managers: resources of the centre they manage.

-- ---------------------------------------------------------------------------------------------
-- public.services
-- ---------------------------------------------------------------------------------------------
create policy services_select_anon on public.services
  for select
  to anon
  using (is_public and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active));
comment on policy services_select_anon on public.services is
  'Visitors see public, active services of active tenants (directory and slot search).';

create policy services_select_authenticated on public.services
  for select
  to authenticated
  using (
    (is_public and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy services_select_authenticated on public.services is
  'Signed-in users see what visitors see; staff see every service of their tenant (unlisted and retired too).';

create policy services_insert_authenticated on public.services
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy services_insert_authenticated on public.services is
  'Owners, admins and managers create services in their tenant.';

create policy services_update_authenticated on public.services
  for update
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])))
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy services_update_authenticated on public.services is
  'Owners, admins and managers edit services of their tenant.';

create policy services_delete_authenticated on public.services
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy services_delete_authenticated on public.services is
  'Owners, admins and managers delete services of their tenant (prefer is_active = false once a service has appointments).';

-- ---------------------------------------------------------------------------------------------
-- public.clinician_services
-- ---------------------------------------------------------------------------------------------
create policy clinician_services_select_anon on public.clinician_services
  for select
  to anon
  using (
    (tenant_id, clinician_id) in (
      select c.tenant_id, c.id from public.clinicians as c where c.is_public and c.is_active)
    and (tenant_id, service_id) in (
      select s.tenant_id, s.id from public.services as s where s.is_public and s.is_active)
  );
comment on policy clinician_services_select_anon on public.clinician_services is
  'Visitors see which public clinicians offer which public services (of active tenants, through the clinicians and services policies).';

create policy clinician_services_select_authenticated on public.clinician_services
  for select
  to authenticated
  using (
    (
      (tenant_id, clinician_id) in (
        select c.tenant_id, c.id from public.clinicians as c
        where c.is_public and c.is_active
          and c.tenant_id in (select t.id from public.tenants as t where t.is_active))
      and (tenant_id, service_id) in (
        select s.tenant_id, s.id from public.services as s
        where s.is_public and s.is_active
          and s.tenant_id in (select t.id from public.tenants as t where t.is_active))
    )
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy clinician_services_select_authenticated on public.clinician_services is
  'Signed-in users see what visitors see; staff see every clinician/service pairing of their tenant.';

create policy clinician_services_insert_authenticated on public.clinician_services
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinician_services_insert_authenticated on public.clinician_services is
  'Owners, admins and managers decide which clinicians of their tenant offer which service.';

create policy clinician_services_update_authenticated on public.clinician_services
  for update
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])))
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinician_services_update_authenticated on public.clinician_services is
  'Owners, admins and managers change a clinician''s duration and price overrides.';

create policy clinician_services_delete_authenticated on public.clinician_services
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinician_services_delete_authenticated on public.clinician_services is
  'Owners, admins and managers stop a clinician offering a service.';

-- ---------------------------------------------------------------------------------------------
-- public.resources (no anon policy and no anon grant: visitors get 42501)
-- ---------------------------------------------------------------------------------------------
create policy resources_select_authenticated on public.resources
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy resources_select_authenticated on public.resources is
  'Staff (any role) see every room and piece of equipment of their tenant; patients see none.';

create policy resources_insert_authenticated on public.resources
  for insert
  to authenticated
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k));
comment on policy resources_insert_authenticated on public.resources is
  'Owners, admins and managers add resources at any centre of their tenant; a centre_manager at the centre they manage.';

create policy resources_update_authenticated on public.resources
  for update
  to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k))
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k));
comment on policy resources_update_authenticated on public.resources is
  'Owners, admins and managers edit any resource of their tenant; a centre_manager those of the centre they manage.';

create policy resources_delete_authenticated on public.resources
  for delete
  to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k));
comment on policy resources_delete_authenticated on public.resources is
  'Owners, admins and managers delete any resource of their tenant; a centre_manager those of the centre they manage (prefer is_active = false once booked).';
