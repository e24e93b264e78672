-- Slot search and booking (issue 4): public.search_slots(service_id, centre_id, ...) and
-- public.book_appointment(service_id, ...) receive a service id without its tenant (the
-- service decides the tenant), and the services key is (tenant_id, id).
--
-- So a service id must name one service across all tenants: ids are generated
-- (gen_random_uuid), but a tenant's admins may pass their own on insert, and without this
-- constraint another tenant could copy a competitor's service id and make lookups by id
-- ambiguous. The unique index also makes the lookup one index probe.

alter table public.services add constraint services_id_key unique (id);
comment on constraint services_id_key on public.services is
  'A service id names one service across all tenants: booking and slot search find the service (and so the tenant) by id alone. A copied id is refused (23505).';
