-- A tenant's own template (notification_templates) replaces the built-in default in the same
-- language; the language chain decides first, so a Spanish patient still gets the built-in
-- Spanish text when the tenant only overrode English; a more specific tag (en-GB, the tenant
-- locale) wins over en.
begin;
select plan(4);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'));
insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values
  (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'sms', 'en', null, 'EN override for {{patient_name}}'),
  (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'email', 'en', 'EN subject', 'EN e-mail override'),
  (tests.tenancy_id('tenant_a'), 'booking_cancelled', 'sms', 'en', null, 'EN cancel override'),
  (tests.tenancy_id('tenant_a'), 'booking_cancelled', 'sms', 'en-GB', null, 'en-GB cancel override');
select tests.insert_appointment('en_visit', 'appt_checkup', 'clinician_a', 'patient_a', now() + interval '3 days');
select tests.insert_appointment('es_visit', 'appt_checkup', 'clinician_a', 'patient_a_es', now() + interval '3 days 2 hours');
select tests.insert_appointment('b_visit', 'appt_b_checkup', 'clinician_b', 'patient_b', now() + interval '3 days', 'booked', 'tenant_b', 'centre_b1');

-- TEST
select tests.authenticate_as_service_role();
create temporary table claimed as select * from public.claim_notifications(20, '2 minutes');
reset role;
select is((select body from claimed where id = (select id from tests.notifications_of('en_visit') where kind = 'booking_confirmed')),
  'EN override for Pat Alpha', 'the tenant''s en override replaces the built-in en text');
select matches((select body from claimed where id = (select id from tests.notifications_of('es_visit') where kind = 'booking_confirmed')),
  '^Hola, Ana García:', 'a Spanish patient still gets the built-in es text (language first)');
select matches((select c.body from claimed as c join public.notifications as n on n.id = c.id where n.tenant_id = tests.tenancy_id('tenant_b')),
  '^Beta Health: your Check-up is booked', 'another tenant keeps the built-in text');
update public.appointments set status = 'cancelled', cancellation_reason = 'x' where id = tests.tenancy_id('en_visit');
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
select is((select body from public.claim_notifications(20, '2 minutes') where kind = 'booking_cancelled'),
  'en-GB cancel override', 'the tenant locale''s exact tag (en-GB) wins over en');
reset role;

select * from finish();
rollback;
