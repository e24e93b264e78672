-- The sensitive tables carry the audit trigger (after insert, update and delete, per row),
-- and an update that changes nothing writes no entry.
begin;
select plan(3);

-- TEST: the trigger on each table
select is(
  array(select c.relname::text
     from pg_catalog.pg_trigger t
     join pg_catalog.pg_class c on c.oid = t.tgrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal
       and t.tgfoid = 'private.record_audit_event()'::regprocedure
       and t.tgtype & (1 | 4 | 8 | 16) = (1 | 4 | 8 | 16)  -- ROW, INSERT, DELETE, UPDATE
       and t.tgtype & 2 = 0                               -- AFTER
     order by 1),
  array['appointment_resources', 'appointment_series', 'appointments', 'break_glass_accesses', 'centres', 'clinician_centres',
        'clinician_credentials', 'clinician_members', 'clinician_services', 'clinicians', 'department_clinicians', 'department_services',
        'departments', 'invitations', 'medical_note_shares', 'medical_notes', 'member_roles',
        'members', 'notification_templates', 'patient_documents', 'patients', 'payments', 'product_centres', 'products', 'refunds',
        'resources', 'reviews', 'services', 'tenant_payment_settings', 'tenant_rate_limits', 'tenants', 'waitlist_entries', 'waitlist_offers', 'whatsapp_templates'],
  'the tenancy tables (with the clinicians'' account links and credentials), clinical records (notes, their shares, break-glass accesses, patient documents), the catalogue (services, clinician_services, resources, departments and their listings, products and their availability), bookings (appointments, appointment_resources, appointment_series), reviews, the waitlist, payments (payments, refunds, tenant_payment_settings), message templates (text and WhatsApp) and rate limits are audited'
);

-- SETUP: a tenant
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('a6000000-0000-4000-8000-000000000001', 'No Op', 'no-op', 'Europe/London', 'GBP', 'en-GB');

-- TEST: an update that sets the same values writes nothing; a real one writes one entry
update public.tenants set name = name where id = 'a6000000-0000-4000-8000-000000000001';
select is(
  (select count(*)::int from public.audit_log where tenant_id = 'a6000000-0000-4000-8000-000000000001' and action = 'update'),
  0,
  'an update that changes nothing writes no entry'
);
update public.tenants set name = 'Some Op' where id = 'a6000000-0000-4000-8000-000000000001';
select is(
  (select count(*)::int from public.audit_log where tenant_id = 'a6000000-0000-4000-8000-000000000001' and action = 'update'),
  1,
  'an update that changes a value writes one entry'
);

select * from finish();
rollback;
