-- Row-level security policies of the waitlist tables (issue 4, part 2: waitlist): one policy per
-- table x command x role, named <table>_<command>_<role>; helpers from 20261121170800 wrapped
-- in `(select ...)`. Only SELECT has policies: nobody but service_role (which bypasses RLS)
-- writes these tables directly - joining, leaving, accepting and declining go through the RPCs
-- (20261121195700), offers are made by the freed-slot trigger (20261121195600). anon has no
-- grant on either table (42501).

create policy waitlist_entries_select_authenticated on public.waitlist_entries
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy waitlist_entries_select_authenticated on public.waitlist_entries is
  'Staff (any role) see every waitlist entry of their tenant; a patient sees the entries of their own patient records, in every tenant.';

create policy waitlist_offers_select_authenticated on public.waitlist_offers
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, entry_id) in (
      select e.tenant_id, e.id
      from public.waitlist_entries as e
      where (e.tenant_id, e.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
  );
comment on policy waitlist_offers_select_authenticated on public.waitlist_offers is
  'Staff see every offer of their tenant''s waitlist; a patient sees the offers made to their own entries.';
