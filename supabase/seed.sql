-- Demo data for the local stack (`npm start`, `npm run db:reset`, `npm test`). Seeds run only
-- where the CLI is asked to (`db push --include-seed`, `db reset`), never on a hosted deploy.
-- Auth users are written the way GoTrue writes them (token columns '' rather than NULL, phone
-- without '+'), so the same rows also work with a real GoTrue under `supabase start`.

insert into auth.users (
  instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token
)
values
  ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000001',
   'authenticated', 'authenticated', 'amira.haddad@northside.test', null, now(), null,
   '{"provider": "email", "providers": ["email"]}', '{"full_name": "Amira Haddad"}', now(), now(),
   '', '', '', '', '', '', '', ''),
  ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000101',
   'authenticated', 'authenticated', null, '447700900001', null, now(),
   '{"provider": "phone", "providers": ["phone"]}', '{"full_name": "Sam Patel"}', now() + interval '1 second', now(),
   '', '', '', '', '', '', '', '')
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values
  ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001',
   '{"sub": "a0000000-0000-4000-8000-000000000001", "email": "amira.haddad@northside.test", "email_verified": true}',
   'email', now(), now(), now()),
  ('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000101',
   '{"sub": "a0000000-0000-4000-8000-000000000101", "phone": "447700900001", "phone_verified": true}',
   'phone', now(), now(), now())
on conflict (provider_id, provider) do nothing;

-- ---------------------------------------------------------------------------------------------
-- Tenancy demo: two clinics with staff in every role, centres (one unpublished each),
-- clinician profiles (public and not), patients with and without accounts, one pending
-- invitation. Fixed uuids so docs, demos and manual API calls can refer to them:
--   a0…  auth users (staff 0001-0099, patients 0101-0199)   b0…  tenants     c0…  centres
--   d0…  members   e0…  member_roles   f0…  clinicians   90…  patients   91…  invitations
-- Phone numbers are reserved for drama/fiction (UK 07700 900xxx, US 555-01xx); e-mail domains
-- are .test. Every statement is idempotent (on conflict do nothing).
-- ---------------------------------------------------------------------------------------------

-- Staff and a second patient, written the way GoTrue writes them (e-mail confirmed).
insert into auth.users (
  instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token
)
select '00000000-0000-0000-0000-000000000000', v.id::uuid, 'authenticated', 'authenticated', v.email, null, now(), null,
       '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', v.full_name), now(), now(),
       '', '', '', '', '', '', '', ''
from (values
  ('a0000000-0000-4000-8000-000000000002', 'daniel.okafor@northside.test', 'Daniel Okafor'),
  ('a0000000-0000-4000-8000-000000000003', 'grace.liu@northside.test', 'Grace Liu'),
  ('a0000000-0000-4000-8000-000000000004', 'tom.reid@northside.test', 'Tom Reid'),
  ('a0000000-0000-4000-8000-000000000005', 'priya.nair@northside.test', 'Dr Priya Nair'),
  ('a0000000-0000-4000-8000-000000000006', 'owen.hughes@northside.test', 'Dr Owen Hughes'),
  ('a0000000-0000-4000-8000-000000000007', 'hannah.moore@northside.test', 'Hannah Moore'),
  ('a0000000-0000-4000-8000-000000000008', 'leo.martins@northside.test', 'Leo Martins'),
  ('a0000000-0000-4000-8000-000000000011', 'rosa.alvarez@harborfamily.test', 'Rosa Alvarez'),
  ('a0000000-0000-4000-8000-000000000012', 'marcus.johnson@harborfamily.test', 'Marcus Johnson'),
  ('a0000000-0000-4000-8000-000000000013', 'emily.chen@harborfamily.test', 'Emily Chen'),
  ('a0000000-0000-4000-8000-000000000014', 'jamal.wright@harborfamily.test', 'Jamal Wright'),
  ('a0000000-0000-4000-8000-000000000015', 'sarah.kim@harborfamily.test', 'Dr Sarah Kim'),
  ('a0000000-0000-4000-8000-000000000016', 'nina.shah@harborfamily.test', 'Nina Shah'),
  ('a0000000-0000-4000-8000-000000000017', 'carlos.diaz@harborfamily.test', 'Carlos Diaz'),
  ('a0000000-0000-4000-8000-000000000102', 'maya.brooks@example.test', 'Maya Brooks')
) as v (id, email, full_name)
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', now(), now(), now()
from auth.users as u
where u.id in (
  'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004',
  'a0000000-0000-4000-8000-000000000005', 'a0000000-0000-4000-8000-000000000006', 'a0000000-0000-4000-8000-000000000007',
  'a0000000-0000-4000-8000-000000000008', 'a0000000-0000-4000-8000-000000000011', 'a0000000-0000-4000-8000-000000000012',
  'a0000000-0000-4000-8000-000000000013', 'a0000000-0000-4000-8000-000000000014', 'a0000000-0000-4000-8000-000000000015',
  'a0000000-0000-4000-8000-000000000016', 'a0000000-0000-4000-8000-000000000017', 'a0000000-0000-4000-8000-000000000102')
on conflict (provider_id, provider) do nothing;

insert into public.tenants (id, name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon,
                            cancellation_window, payment_hold_duration)
values
  ('b0000000-0000-4000-8000-000000000001', 'Northside Health', 'northside-health', 'Europe/London', 'GBP', 'en-GB',
   '2 hours', '90 days', '24 hours', '15 minutes'),
  ('b0000000-0000-4000-8000-000000000002', 'Harbor Family Clinics', 'harbor-family-clinics', 'America/New_York', 'USD', 'en-US',
   '1 hour', '60 days', '48 hours', '10 minutes')
on conflict do nothing;

insert into public.centres (tenant_id, id, name, slug, timezone, address_line1, city, region, postal_code, country_code,
                            phone, email, opening_hours, is_published)
values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'Northside Health Camden', 'camden',
   'Europe/London', '12 Parkway', 'London', 'Greater London', 'NW1 7AA', 'GB', '+442079460001', 'camden@northside.test',
   '{"mon": [["08:00","12:30"],["13:30","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]], "thu": [["08:00","20:00"]], "fri": [["08:00","17:00"]], "sat": [["09:00","13:00"]], "sun": []}',
   true),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'Northside Health Islington', 'islington',
   'Europe/London', '200 Upper Street', 'London', 'Greater London', 'N1 1RQ', 'GB', '+442079460002', 'islington@northside.test',
   '{"mon": [["09:00","17:30"]], "tue": [["09:00","17:30"]], "wed": [["09:00","17:30"]], "thu": [["09:00","17:30"]], "fri": [["09:00","17:30"]], "sat": [], "sun": []}',
   true),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000003', 'Northside Health Hackney (opening soon)', 'hackney',
   'Europe/London', '5 Mare Street', 'London', 'Greater London', 'E8 4RP', 'GB', null, null,
   '{"mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}',
   false),
  ('b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000011', 'Harbor Family Clinics Brooklyn Heights', 'brooklyn-heights',
   'America/New_York', '75 Montague Street', 'Brooklyn', 'NY', '11201', 'US', '+12125550111', 'heights@harborfamily.test',
   '{"mon": [["08:00","19:00"]], "tue": [["08:00","19:00"]], "wed": [["08:00","19:00"]], "thu": [["08:00","19:00"]], "fri": [["08:00","17:00"]], "sat": [["10:00","14:00"]], "sun": []}',
   true),
  ('b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000012', 'Harbor Family Clinics Red Hook', 'red-hook',
   'America/New_York', '480 Van Brunt Street', 'Brooklyn', 'NY', '11231', 'US', '+12125550112', 'redhook@harborfamily.test',
   '{"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [], "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]], "sat": [], "sun": []}',
   true),
  ('b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000013', 'Harbor Family Clinics Dumbo (renovation)', 'dumbo',
   'America/New_York', '20 Jay Street', 'Brooklyn', 'NY', '11201', 'US', null, null,
   '{"mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}',
   false)
on conflict do nothing;

insert into public.members (tenant_id, id, user_id, display_name)
values
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'Amira Haddad'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'Daniel Okafor'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000003', 'Grace Liu'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000004', 'Tom Reid'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000005', 'a0000000-0000-4000-8000-000000000005', 'Dr Priya Nair'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000006', 'a0000000-0000-4000-8000-000000000006', 'Dr Owen Hughes'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000007', 'a0000000-0000-4000-8000-000000000007', 'Hannah Moore'),
  ('b0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000008', 'a0000000-0000-4000-8000-000000000008', 'Leo Martins'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000011', 'a0000000-0000-4000-8000-000000000011', 'Rosa Alvarez'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000012', 'a0000000-0000-4000-8000-000000000012', 'Marcus Johnson'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000013', 'a0000000-0000-4000-8000-000000000013', 'Emily Chen'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000014', 'a0000000-0000-4000-8000-000000000014', 'Jamal Wright'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000015', 'a0000000-0000-4000-8000-000000000015', 'Dr Sarah Kim'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000016', 'a0000000-0000-4000-8000-000000000016', 'Nina Shah'),
  ('b0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000017', 'a0000000-0000-4000-8000-000000000017', 'Carlos Diaz')
on conflict do nothing;

-- Roles: every role in both tenants; centre managers and one front desk are centre-scoped.
insert into public.member_roles (tenant_id, id, member_id, role, centre_id)
values
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'owner', null),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000002', 'admin', null),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000003', 'manager', null),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-000000000004', 'centre_manager', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', 'clinician', null),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000006', 'd0000000-0000-4000-8000-000000000006', 'clinician', 'c0000000-0000-4000-8000-000000000002'),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000007', 'd0000000-0000-4000-8000-000000000007', 'care_coordinator', null),
  ('b0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000008', 'd0000000-0000-4000-8000-000000000008', 'front_desk', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000011', 'd0000000-0000-4000-8000-000000000011', 'owner', null),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000012', 'd0000000-0000-4000-8000-000000000012', 'admin', null),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000013', 'd0000000-0000-4000-8000-000000000013', 'manager', null),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000014', 'd0000000-0000-4000-8000-000000000014', 'centre_manager', 'c0000000-0000-4000-8000-000000000011'),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000015', 'd0000000-0000-4000-8000-000000000015', 'clinician', null),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000016', 'd0000000-0000-4000-8000-000000000016', 'care_coordinator', null),
  ('b0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000017', 'd0000000-0000-4000-8000-000000000017', 'front_desk', null)
on conflict do nothing;

insert into public.clinicians (tenant_id, id, display_name, title, specialisations, qualifications, languages,
                               consultation_fee, fee_currency, bio, photo_path, default_consultation_minutes, is_public)
values
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001',
   'Dr Priya Nair', 'General Practitioner', '{General practice, Women''s health}', '{MBBS, MRCGP}', '{en, hi}',
   65.00, 'GBP', 'Priya has been a GP in north London for twelve years, with a special interest in women''s health.',
   'b0000000-0000-4000-8000-000000000001/f0000000-0000-4000-8000-000000000001/priya-nair.jpg', 15, true),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002',
   'Dr Owen Hughes', 'Consultant Dermatologist', '{Dermatology}', '{MBBCh, MRCP (Derm)}', '{en, cy}',
   180.00, 'GBP', 'Owen treats adult and paediatric skin conditions.', null, 30, true),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000003',
   'Dr Lena Vogel', 'Visiting Physiotherapist', '{Physiotherapy, Sports injuries}', '{BSc Physiotherapy}', '{en, de}',
   70.00, 'GBP', null, null, 45, false),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011',
   'Dr Sarah Kim', 'Pediatrician', '{Pediatrics, Adolescent medicine}', '{MD, FAAP}', '{en, ko}',
   150.00, 'USD', 'Sarah cares for children from newborns to college age.',
   'b0000000-0000-4000-8000-000000000002/f0000000-0000-4000-8000-000000000011/sarah-kim.jpg', 20, true)
on conflict do nothing;

-- Which profiles are staff accounts (Dr Lena Vogel visits without one).
insert into public.clinician_members (tenant_id, clinician_id, member_id)
values
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000005'),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000006'),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011', 'd0000000-0000-4000-8000-000000000015')
on conflict do nothing;

insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
values
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002'),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002'),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000003'),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000011'),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000012')
on conflict do nothing;

-- Patients: Sam Patel (Northside) and Maya Brooks (Harbor) have accounts; the others were
-- registered by the front desk and have none yet.
insert into public.patients (tenant_id, id, user_id, full_name, phone, email, date_of_birth, gender, blood_group,
                             emergency_contact, consents, preferred_language, preferred_channel, lead_source)
values
  ('b0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000101',
   'Sam Patel', '+447700900001', null, '1988-04-12', 'male', 'O+',
   '{"name": "Anita Patel", "phone": "+447700900002", "relationship": "sister"}',
   '{"sms_reminders": {"granted": true, "at": "2026-10-01T09:30:00Z"}, "email_marketing": {"granted": false, "at": "2026-10-01T09:30:00Z"}}',
   'en-GB', 'sms', 'google'),
  ('b0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000002', null,
   'Eleanor Whitfield', '+447700900003', 'eleanor.whitfield@example.test', '1952-11-30', 'female', 'A-',
   '{"name": "James Whitfield", "phone": "+447700900004", "relationship": "son"}',
   '{"sms_reminders": {"granted": true, "at": "2026-09-14T14:05:00+01:00"}}',
   'en-GB', 'email', 'walk_in'),
  ('b0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000003', null,
   'Kwame Mensah', '+447700900005', null, '2015-06-02', 'male', null, null, '{}', 'en-GB', 'sms', 'referral'),
  ('b0000000-0000-4000-8000-000000000002', '90000000-0000-4000-8000-000000000011', 'a0000000-0000-4000-8000-000000000102',
   'Maya Brooks', '+12125550131', 'maya.brooks@example.test', '1994-01-21', 'female', 'B+',
   '{"name": "Jordan Brooks", "phone": "+12125550132", "relationship": "partner"}',
   '{"sms_reminders": {"granted": true, "at": "2026-08-20T16:00:00-04:00"}}',
   'en-US', 'email', 'instagram'),
  ('b0000000-0000-4000-8000-000000000002', '90000000-0000-4000-8000-000000000012', null,
   'Luis Ortega', '+12125550133', null, '1979-09-09', 'undisclosed', null, null, '{}', 'es', 'sms', 'walk_in')
on conflict do nothing;

-- One pending invitation: Northside invites a front-desk receptionist for Islington.
insert into public.invitations (tenant_id, id, email, role, centre_id, invited_by, expires_at)
values
  ('b0000000-0000-4000-8000-000000000001', '91000000-0000-4000-8000-000000000001', 'jo.baker@northside.test', 'front_desk',
   'c0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001', now() + interval '7 days')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------
-- scheduling: catalogue: services of both clinics (in person and video, one requiring
-- payment with a deposit, one needing an ultrasound scanner, one unlisted), which clinicians offer
-- them (with an override), and rooms and equipment per centre. Fixed uuids: 92… services,
-- 93… resources. Idempotent (on conflict do nothing).
-- ---------------------------------------------------------------------------------------------
insert into public.services (tenant_id, id, name, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                             slot_alignment_minutes, price, currency, payment_required, deposit_amount, mode,
                             required_resource_type, cancellation_window, cancellation_fee, reschedule_window, reschedule_fee,
                             is_public)
values
  ('b0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000001', 'GP consultation',
   'A 20-minute appointment with a GP about one problem.', 20, 0, 5, 15, 65.00, 'GBP', false, null, 'in_person',
   'consulting_room', null, 0, null, 0, true),
  ('b0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000002', 'GP video consultation',
   'A 15-minute video call with a GP; you get the link when you book.', 15, 0, 0, 15, 45.00, 'GBP', false, null, 'video',
   null, null, 0, null, 0, true),
  ('b0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000003', 'Dermatology consultation',
   'Assessment of a skin condition by a consultant dermatologist. Paid when booking.', 30, 0, 10, 30, 180.00, 'GBP', true, null,
   'in_person', 'consulting_room', '48 hours', 50.00, '24 hours', 25.00, true),
  ('b0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000004', 'Pelvic ultrasound scan',
   'An ultrasound scan with the report sent to your GP. A deposit secures the booking.', 30, 10, 10, 15, 220.00, 'GBP', true, 60.00,
   'in_person', 'ultrasound', '72 hours', 60.00, null, 0, true),
  ('b0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000005', 'Staff occupational health check',
   'Internal: booked by the front desk for staff.', 15, 0, 0, 15, 0, 'GBP', false, null, 'in_person',
   null, null, 0, null, 0, false),
  ('b0000000-0000-4000-8000-000000000002', '92000000-0000-4000-8000-000000000011', 'Well-child visit',
   'Routine check-up, growth and development review, vaccinations as due.', 30, 0, 10, 15, 120.00, 'USD', false, null, 'in_person',
   'consulting_room', null, 0, null, 0, true),
  ('b0000000-0000-4000-8000-000000000002', '92000000-0000-4000-8000-000000000012', 'Pediatric telehealth visit',
   'A video visit for minor illnesses and follow-ups.', 20, 0, 0, 10, 75.00, 'USD', true, null, 'video',
   null, '12 hours', 25.00, '12 hours', 0, true)
on conflict do nothing;

insert into public.clinician_services (tenant_id, clinician_id, service_id, duration_minutes_override, price_override)
values
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000001', null, null),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000002', null, null),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000004', 40, null),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000005', null, null),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002', '92000000-0000-4000-8000-000000000003', null, null),
  ('b0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000003', '92000000-0000-4000-8000-000000000001', 30, 70.00),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011', '92000000-0000-4000-8000-000000000011', null, null),
  ('b0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000011', '92000000-0000-4000-8000-000000000012', null, null)
on conflict do nothing;

insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
values
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'room', 'consulting_room', 'Camden Room 1'),
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'room', 'consulting_room', 'Camden Room 2'),
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001', 'equipment', 'ultrasound', 'Camden ultrasound scanner'),
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000002', 'room', 'consulting_room', 'Islington Room 1'),
  ('b0000000-0000-4000-8000-000000000002', '93000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000011', 'room', 'consulting_room', 'Brooklyn Heights Exam 1'),
  ('b0000000-0000-4000-8000-000000000002', '93000000-0000-4000-8000-000000000012', 'c0000000-0000-4000-8000-000000000011', 'room', 'consulting_room', 'Brooklyn Heights Exam 2'),
  ('b0000000-0000-4000-8000-000000000002', '93000000-0000-4000-8000-000000000013', 'c0000000-0000-4000-8000-000000000012', 'room', 'consulting_room', 'Red Hook Exam 1')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------
-- scheduling: availability: weekly hours of the seeded clinicians at their centres
-- (local wall-clock time in the centre's zone, stored canonical), Saturday extra hours, one
-- tenant-wide holiday per clinic and one week of time off. Fixed uuids: 94… rules, 95… overrides,
-- 96… time off, 97… holidays. Idempotent (on conflict do nothing).
-- ---------------------------------------------------------------------------------------------
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values
  -- Dr Priya Nair: Camden Mon-Thu mornings and afternoons, Islington Friday
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   '09:00', '12:30', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', date '2026-01-05'),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   '13:30', '17:30', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', date '2026-01-05'),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002',
   '09:00', '16:00', 'FREQ=WEEKLY;BYDAY=FR', date '2026-01-09'),
  -- Dr Owen Hughes: Islington Tuesday and Thursday, every other Saturday morning
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002',
   '10:00', '18:00', 'FREQ=WEEKLY;BYDAY=TU,TH', date '2026-01-06'),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000005', 'f0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002',
   '09:00', '12:00', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', date '2026-01-10'),
  -- Dr Lena Vogel (visiting): first Wednesday of each month
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000006', 'f0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000003',
   '09:00', '17:00', 'FREQ=MONTHLY;BYDAY=1WE', date '2026-01-07'),
  -- Dr Sarah Kim: Brooklyn Heights Mon-Wed, Red Hook Thursday and Friday (New York time)
  ('b0000000-0000-4000-8000-000000000002', '94000000-0000-4000-8000-000000000011', 'f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000011',
   '08:00', '16:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE', date '2026-01-05'),
  ('b0000000-0000-4000-8000-000000000002', '94000000-0000-4000-8000-000000000012', 'f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000012',
   '09:00', '15:00', 'FREQ=WEEKLY;BYDAY=TH,FR', date '2026-01-08')
on conflict do nothing;

insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end)
values
  ('b0000000-0000-4000-8000-000000000001', '95000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   date '2026-12-05', '10:00', '13:00'),
  ('b0000000-0000-4000-8000-000000000002', '95000000-0000-4000-8000-000000000011', 'f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000011',
   date '2026-12-12', '09:00', '12:00')
on conflict do nothing;

insert into public.time_off (tenant_id, id, clinician_id, during, reason)
values
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002',
   tstzrange('2026-08-03 00:00+01', '2026-08-08 00:00+01'), 'Annual leave')
on conflict do nothing;

insert into public.holidays (tenant_id, id, centre_id, local_date, name)
values
  ('b0000000-0000-4000-8000-000000000001', '97000000-0000-4000-8000-000000000001', null, date '2026-12-25', 'Christmas Day'),
  ('b0000000-0000-4000-8000-000000000002', '97000000-0000-4000-8000-000000000011', null, date '2026-11-26', 'Thanksgiving')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------
-- A clinic in India (payments): Deccan Mind Care, a counselling and psychiatry practice in Pune
-- (Asia/Kolkata, INR) that takes payments with Razorpay, its money transferred to its Route
-- linked account (tenant_payment_settings; docs/payments.md). Ananya Deshpande owns it, Rahul
-- Joshi is its front desk, Dr Meera Kulkarni its psychiatrist; Aarav Shah is a patient with a
-- phone account who gets his messages on WhatsApp (whatsapp_templates below). Same uuid scheme as above (tenant b0…0003, staff users a0…0021-0023, patient
-- user a0…0103; 0021-0029 and 0103 elsewhere). India reserves no phone numbers for fiction: these
-- follow the sample numbers of Razorpay's documentation (+91 90000 9xxxx); e-mail domains are
-- .test. Idempotent (on conflict do nothing).
-- ---------------------------------------------------------------------------------------------
insert into auth.users (
  instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token
)
select '00000000-0000-0000-0000-000000000000', v.id::uuid, 'authenticated', 'authenticated', v.email, v.phone,
       case when v.email is not null then now() end, case when v.phone is not null then now() end,
       case when v.email is not null then '{"provider": "email", "providers": ["email"]}'::jsonb
            else '{"provider": "phone", "providers": ["phone"]}'::jsonb end,
       jsonb_build_object('full_name', v.full_name), now(), now(),
       '', '', '', '', '', '', '', ''
from (values
  ('a0000000-0000-4000-8000-000000000021', 'ananya.deshpande@deccanmindcare.test', null, 'Ananya Deshpande'),
  ('a0000000-0000-4000-8000-000000000022', 'rahul.joshi@deccanmindcare.test', null, 'Rahul Joshi'),
  ('a0000000-0000-4000-8000-000000000023', 'meera.kulkarni@deccanmindcare.test', null, 'Dr Meera Kulkarni'),
  ('a0000000-0000-4000-8000-000000000103', null, '919000090011', 'Aarav Shah')
) as v (id, email, phone, full_name)
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
       case when u.email is not null then jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true)
            else jsonb_build_object('sub', u.id::text, 'phone', u.phone, 'phone_verified', true) end,
       case when u.email is not null then 'email' else 'phone' end, now(), now(), now()
from auth.users as u
where u.id in ('a0000000-0000-4000-8000-000000000021', 'a0000000-0000-4000-8000-000000000022',
               'a0000000-0000-4000-8000-000000000023', 'a0000000-0000-4000-8000-000000000103')
on conflict (provider_id, provider) do nothing;

insert into public.tenants (id, name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon,
                            cancellation_window, payment_hold_duration)
values
  ('b0000000-0000-4000-8000-000000000003', 'Deccan Mind Care', 'deccan-mind-care', 'Asia/Kolkata', 'INR', 'en-IN',
   '2 hours', '60 days', '24 hours', '15 minutes')
on conflict do nothing;

insert into public.tenant_payment_settings (tenant_id, provider, razorpay_account_id)
values ('b0000000-0000-4000-8000-000000000003', 'razorpay', 'acc_DeccanMindCare1')
on conflict do nothing;

insert into public.centres (tenant_id, id, name, slug, timezone, address_line1, city, region, postal_code, country_code,
                            phone, email, opening_hours, is_published)
values
  ('b0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000021', 'Deccan Mind Care Kothrud', 'kothrud',
   'Asia/Kolkata', '14 Paud Road', 'Pune', 'Maharashtra', '411038', 'IN', '+919000090020', 'kothrud@deccanmindcare.test',
   '{"mon": [["10:00","19:00"]], "tue": [["10:00","19:00"]], "wed": [["10:00","19:00"]], "thu": [["10:00","19:00"]], "fri": [["10:00","19:00"]], "sat": [["10:00","14:00"]], "sun": []}',
   true)
on conflict do nothing;

insert into public.members (tenant_id, id, user_id, display_name)
values
  ('b0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000021', 'a0000000-0000-4000-8000-000000000021', 'Ananya Deshpande'),
  ('b0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000022', 'a0000000-0000-4000-8000-000000000022', 'Rahul Joshi'),
  ('b0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000023', 'a0000000-0000-4000-8000-000000000023', 'Dr Meera Kulkarni')
on conflict do nothing;

insert into public.member_roles (tenant_id, id, member_id, role, centre_id)
values
  ('b0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000021', 'd0000000-0000-4000-8000-000000000021', 'owner', null),
  ('b0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000022', 'd0000000-0000-4000-8000-000000000022', 'front_desk', null),
  ('b0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000023', 'd0000000-0000-4000-8000-000000000023', 'clinician', null)
on conflict do nothing;

insert into public.clinicians (tenant_id, id, display_name, title, specialisations, qualifications, languages,
                               consultation_fee, fee_currency, bio, default_consultation_minutes, is_public)
values
  ('b0000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000021',
   'Dr Meera Kulkarni', 'Consultant Psychiatrist', '{Psychiatry, Anxiety and mood disorders}', '{MBBS, MD (Psychiatry)}', '{en, mr, hi}',
   2500.00, 'INR', 'Meera treats anxiety, depression and sleep problems in adults, in English, Marathi and Hindi.', 50, true)
on conflict do nothing;

insert into public.clinician_members (tenant_id, clinician_id, member_id)
values ('b0000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000021', 'd0000000-0000-4000-8000-000000000023')
on conflict do nothing;

insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
values ('b0000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000021', 'c0000000-0000-4000-8000-000000000021')
on conflict do nothing;

insert into public.patients (tenant_id, id, user_id, full_name, phone, email, date_of_birth, gender,
                             consents, preferred_language, preferred_channel, lead_source)
values
  ('b0000000-0000-4000-8000-000000000003', '90000000-0000-4000-8000-000000000021', 'a0000000-0000-4000-8000-000000000103',
   'Aarav Shah', '+919000090011', 'aarav.shah@example.test', '1996-03-18', 'male',
   '{"sms_reminders": {"granted": true, "at": "2026-11-02T10:15:00+05:30"}, "whatsapp_reminders": {"granted": true, "at": "2026-11-02T10:15:00+05:30"}}',
   'en-IN', 'whatsapp', 'google'),
  ('b0000000-0000-4000-8000-000000000003', '90000000-0000-4000-8000-000000000022', null,
   'Kavya Iyer', '+919000090012', null, '1989-08-07', 'female', '{}', 'en-IN', 'sms', 'referral')
on conflict do nothing;

insert into public.services (tenant_id, id, name, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                             slot_alignment_minutes, price, currency, payment_required, deposit_amount, mode,
                             required_resource_type, cancellation_window, cancellation_fee, reschedule_window, reschedule_fee,
                             is_public)
values
  ('b0000000-0000-4000-8000-000000000003', '92000000-0000-4000-8000-000000000021', 'Psychiatric consultation',
   'A first 50-minute consultation with a psychiatrist. Paid when booking.', 50, 0, 10, 60, 2500.00, 'INR', true, null,
   'in_person', null, '24 hours', 500.00, '12 hours', 0, true),
  ('b0000000-0000-4000-8000-000000000003', '92000000-0000-4000-8000-000000000022', 'Counselling session (video)',
   'A 50-minute video session; a deposit secures the booking.', 50, 0, 10, 60, 1500.00, 'INR', true, 500.00,
   'video', null, '24 hours', 200.00, null, 0, true)
on conflict do nothing;

insert into public.clinician_services (tenant_id, clinician_id, service_id, duration_minutes_override, price_override)
values
  ('b0000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000021', '92000000-0000-4000-8000-000000000021', null, null),
  ('b0000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000021', '92000000-0000-4000-8000-000000000022', null, null)
on conflict do nothing;

-- Dr Meera Kulkarni: Kothrud Monday to Saturday, 10:00-18:00 India time (no daylight saving).
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values
  ('b0000000-0000-4000-8000-000000000003', '94000000-0000-4000-8000-000000000021', 'f0000000-0000-4000-8000-000000000021', 'c0000000-0000-4000-8000-000000000021',
   '10:00', '18:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA', date '2026-01-05')
on conflict do nothing;

insert into public.holidays (tenant_id, id, centre_id, local_date, name)
values ('b0000000-0000-4000-8000-000000000003', '97000000-0000-4000-8000-000000000021', null, date '2026-11-08', 'Diwali (Lakshmi Puja)')
on conflict do nothing;

-- Deccan Mind Care's patients hear from it on WhatsApp (Aarav Shah prefers it, above, and agreed
-- to reminders there): one approved Twilio Content template per message kind, in English. The
-- language chain of its patients and of the clinic (en-IN) ends in en, so en serves them all; a
-- kind without a template, or a patient who prefers SMS (Kavya Iyer), goes by SMS
-- (docs/notifications.md, "WhatsApp"). The wording lives at Twilio; each row names the template's
-- ContentSid (invented here, HX + 32 hex digits, as Twilio's Content API issues them) and the
-- placeholders that fill {{1}}, {{2}}, … in order. Locally, without Twilio keys, these messages
-- land in the dev outbox with their template and variables, NOT sent.
insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables)
values
  -- "Hi {{1}}, your {{2}} on {{3}} at {{4}} is confirmed. Reply STOP to stop WhatsApp messages."
  ('b0000000-0000-4000-8000-000000000003', 'booking_confirmed', 'en', 'HX95f00e7fcb4d8054f98cef44e3d80bb5',
   array['patient_name', 'service_name', 'starts_at_local', 'centre_name']),
  -- "Hi {{1}}, we received your payment of {{2}} for your {{3}} on {{4}}. Thank you."
  ('b0000000-0000-4000-8000-000000000003', 'payment_receipt', 'en', 'HX95e3786af03775d0d58ab4d83b6edb15',
   array['patient_name', 'amount', 'service_name', 'starts_at_local']),
  -- "Hi {{1}}, please pay {{2}} to confirm your {{3}} on {{4}}: {{5}}"
  ('b0000000-0000-4000-8000-000000000003', 'payment_link', 'en', 'HXcb3e2ca4057fddb10c2d0e103168b7a2',
   array['patient_name', 'amount', 'service_name', 'starts_at_local', 'payment_url']),
  -- "Hi {{1}}, a reminder of your {{2}} on {{3}} at {{4}}."
  ('b0000000-0000-4000-8000-000000000003', 'reminder', 'en', 'HXf004c27673a4e3cc89bc6741ec98f09d',
   array['patient_name', 'service_name', 'starts_at_local', 'centre_name']),
  -- "Hi {{1}}, your {{2}} has moved from {{3}} to {{4}}."
  ('b0000000-0000-4000-8000-000000000003', 'booking_rescheduled', 'en', 'HX77d5e00d5ce937427fc23d49eb6354be',
   array['patient_name', 'service_name', 'previous_starts_at_local', 'starts_at_local']),
  -- "Hi {{1}}, your {{2}} on {{3}} at {{4}} has been cancelled. Any refund due under our
  --  cancellation policy goes back to the way you paid."
  ('b0000000-0000-4000-8000-000000000003', 'booking_cancelled', 'en', 'HXde2e121e89fd81abb40e82051d8c8311',
   array['patient_name', 'service_name', 'starts_at_local', 'centre_name']),
  -- "Hi {{1}}, a place is free for {{2}} on {{3}}. We hold it for you until {{4}}."
  ('b0000000-0000-4000-8000-000000000003', 'waitlist_offer', 'en', 'HX368bc95890d434632f7158f68c160ae2',
   array['patient_name', 'service_name', 'starts_at_local', 'offer_expires_at_local'])
on conflict do nothing;

-- Clinic presence demo (docs/profile.md, docs/storage.md): the website profile of Northside
-- Health and its Camden and Islington centres (coordinates, languages, accessibility), departments,
-- Dr Priya Nair's credentials (a public registration and degree, a private certificate scan),
-- a small pharmacy catalogue, and a verified review of a completed visit. Storage paths name
-- objects in the buckets (no files are uploaded by the seed: a website shows a placeholder until
-- someone uploads them through the Storage API). New ids: 93… appointments, 94… departments,
-- 95… credentials, 96… products, 97… reviews, 98… patient documents.
-- ---------------------------------------------------------------------------------------------
update public.tenants
set logo_path = 'b0000000-0000-4000-8000-000000000001/logo.png',
    cover_image_path = 'b0000000-0000-4000-8000-000000000001/cover.jpg',
    about = 'Family doctors, specialists and a pharmacy in north London since 2009.',
    website_url = 'https://northside.example',
    social_links = '{"instagram": "https://instagram.com/northsidehealth", "facebook": "https://facebook.com/northsidehealth"}'
where id = 'b0000000-0000-4000-8000-000000000001' and about is null;

update public.centres
set latitude = 51.539000, longitude = -0.142600, languages = '{en, hi, pl}',
    about = 'GP surgery with a women''s health clinic and an in-house pharmacy, two minutes from Camden Town station.',
    accessibility_notes = 'Step-free entrance on Parkway, accessible toilet, hearing loop at reception.',
    cover_image_path = 'b0000000-0000-4000-8000-000000000001/centres/c0000000-0000-4000-8000-000000000001/waiting-room.jpg'
where tenant_id = 'b0000000-0000-4000-8000-000000000001' and id = 'c0000000-0000-4000-8000-000000000001' and latitude is null;
update public.centres
set latitude = 51.536200, longitude = -0.103300, languages = '{en, cy}',
    about = 'Specialist clinics: dermatology and general practice.',
    accessibility_notes = 'Lift to the first floor; two blue-badge bays behind the building.'
where tenant_id = 'b0000000-0000-4000-8000-000000000001' and id = 'c0000000-0000-4000-8000-000000000002' and latitude is null;

update public.clinicians set practising_since = 2013
where tenant_id = 'b0000000-0000-4000-8000-000000000001' and id = 'f0000000-0000-4000-8000-000000000001' and practising_since is null;
update public.clinicians set practising_since = 2008
where tenant_id = 'b0000000-0000-4000-8000-000000000001' and id = 'f0000000-0000-4000-8000-000000000002' and practising_since is null;

insert into public.departments (tenant_id, id, centre_id, name, slug, description, display_order)
values
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   'General practice', 'general-practice', 'Same-week GP appointments, in person or by video.', 1),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001',
   'Women''s health', 'womens-health', 'Contraception, menopause care and pelvic ultrasound.', 2),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000002',
   'Dermatology', 'dermatology', 'Skin checks and treatment for adults and children.', 1)
on conflict do nothing;
insert into public.department_clinicians (tenant_id, department_id, clinician_id, display_order)
values
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 1),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000001', 1),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000002', 1)
on conflict do nothing;
insert into public.department_services (tenant_id, department_id, service_id, display_order)
values
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000001', 1),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000002', 2),
  ('b0000000-0000-4000-8000-000000000001', '94000000-0000-4000-8000-000000000002', '92000000-0000-4000-8000-000000000004', 1)
on conflict do nothing;

insert into public.clinician_credentials (tenant_id, id, clinician_id, kind, title, issuer, reference_number,
                                          awarded_on, certificate_path, is_public, display_order)
values
  ('b0000000-0000-4000-8000-000000000001', '95000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001',
   'registration', 'Full registration with a licence to practise', 'General Medical Council', 'GMC 7012345', '2013-08-07',
   'b0000000-0000-4000-8000-000000000001/f0000000-0000-4000-8000-000000000001/gmc-certificate.pdf', true, 1),
  ('b0000000-0000-4000-8000-000000000001', '95000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000001',
   'education', 'MBBS', 'University College London', null, '2012-07-01', null, true, 2),
  ('b0000000-0000-4000-8000-000000000001', '95000000-0000-4000-8000-000000000003', 'f0000000-0000-4000-8000-000000000001',
   'certificate', 'Basic life support', 'Resuscitation Council UK', null, '2026-02-10',
   'b0000000-0000-4000-8000-000000000001/f0000000-0000-4000-8000-000000000001/bls-2026.pdf', false, 3)
on conflict do nothing;

insert into public.products (tenant_id, id, name, category, description, price, currency, requires_prescription,
                             image_paths, sku, is_published)
values
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 'Paracetamol 500 mg tablets (16)',
   'Pain relief', 'For headaches, fever and everyday aches.', 0.89, 'GBP', false,
   '{b0000000-0000-4000-8000-000000000001/products/96000000-0000-4000-8000-000000000001/box.jpg}', 'PARA-500-16', true),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000002', 'Mineral sunscreen SPF 50, 100 ml',
   'Skin care', 'Recommended by our dermatologists for sensitive skin.', 14.50, 'GBP', false, '{}', 'SUN-50-100', true),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000003', 'Combined contraceptive pill (3 months)',
   'Contraception', 'Dispensed against a prescription from your GP.', 9.90, 'GBP', true, '{}', 'COC-3M', true),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000004', 'Travel health kit',
   'Travel', 'Coming soon.', 24.00, 'GBP', false, '{}', 'TRAVEL-KIT', false)
on conflict do nothing;
insert into public.product_centres (tenant_id, product_id, centre_id, stock_status)
values
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'in_stock'),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'low_stock'),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000002', 'in_stock'),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001', 'on_order'),
  ('b0000000-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000001', 'out_of_stock')
on conflict do nothing;

-- A referral letter in Sam Patel's record (a private object in patient-documents).
insert into public.patient_documents (tenant_id, id, patient_id, object_path, title, kind)
values ('b0000000-0000-4000-8000-000000000001', '98000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000001',
        'b0000000-0000-4000-8000-000000000001/90000000-0000-4000-8000-000000000001/referral-dermatology.pdf',
        'Referral to dermatology', 'referral')
on conflict do nothing;

-- Sam Patel saw Dr Priya Nair three weeks ago (booked, arrived, fulfilled through the status
-- machine) and reviewed the visit, as public.submit_review would record it.
insert into public.appointments (tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, status, booked_via)
select 'b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000001', '92000000-0000-4000-8000-000000000001',
       'f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000001',
       visit, visit + interval '20 minutes', 'booked', 'staff'
from (select (current_date - 21 + time '10:00') at time zone 'Europe/London' as visit) as v
on conflict do nothing;
update public.appointments set status = 'arrived'
where id = '93000000-0000-4000-8000-000000000001' and status = 'booked';
update public.appointments set status = 'fulfilled'
where id = '93000000-0000-4000-8000-000000000001' and status = 'arrived';
insert into public.reviews (tenant_id, id, appointment_id, clinician_id, patient_id, rating, body, created_at)
values ('b0000000-0000-4000-8000-000000000001', '97000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000001',
        'f0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000001', 5,
        'Dr Nair listened, explained the options clearly and followed up the same week.', now() - interval '20 days')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------
-- Clinical record demo (docs/clinical.md): Sam Patel's visit with Dr Priya Nair three weeks ago -
-- a signed SOAP note shared with him and one amendment, his history (a confirmed allergy, a
-- condition, a medication he reported himself), the prescription of the visit with two items, a
-- lab report in his clinical folder of patient-documents, and the logistics notes of the visit.
-- Export it with public.fhir_patient_bundle. New ids: 99… (notes 01xx, history 02xx,
-- prescriptions 03xx, attachments 04xx). Idempotent (on conflict do nothing).
-- ---------------------------------------------------------------------------------------------
insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, appointment_id, subjective, objective, assessment, plan,
                                  status, is_shared_with_patient)
values ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000101', '90000000-0000-4000-8000-000000000001',
        'd0000000-0000-4000-8000-000000000005', '93000000-0000-4000-8000-000000000001',
        'Itchy rash on both forearms for two weeks, worse at night.', 'Dry, scaly patches on the flexor forearms; no signs of infection.',
        'Atopic eczema flare.', 'Emollient twice daily, hydrocortisone 1% for 7 days; referral to dermatology if not better in 4 weeks.',
        'signed', true)
on conflict do nothing;
insert into public.medical_note_amendments (tenant_id, id, note_id, author_member_id, body)
values ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000102', '99000000-0000-4000-8000-000000000101',
        'd0000000-0000-4000-8000-000000000005', 'Referral to dermatology sent the same week (see the referral letter).')
on conflict do nothing;

insert into public.medical_history_entries (tenant_id, id, patient_id, kind, name, code, code_system, reaction, severity, dosage,
                                            onset_date, clinical_status, verification_status, recorded_by, recorded_by_member_id,
                                            verified_by_member_id, verified_at)
values
  ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000201', '90000000-0000-4000-8000-000000000001',
   'allergy', 'Penicillin', '764146007', 'snomed_ct', 'Hives', 'moderate', null, '2009-05-01', 'active', 'confirmed',
   'a0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', now() - interval '21 days'),
  ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000202', '90000000-0000-4000-8000-000000000001',
   'condition', 'Atopic eczema', 'L20.9', 'icd_10', null, null, null, '2001-01-01', 'active', 'confirmed',
   'a0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', now() - interval '21 days'),
  ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000203', '90000000-0000-4000-8000-000000000001',
   'medication', 'Cetirizine 10 mg', null, null, null, null, '10 mg at night when itchy', null, 'active', 'unconfirmed',
   'a0000000-0000-4000-8000-000000000101', null, null, null)
on conflict do nothing;

insert into public.prescriptions (tenant_id, id, patient_id, appointment_id, prescriber_member_id, note, issued_at)
values ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000301', '90000000-0000-4000-8000-000000000001',
        '93000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000005', 'Apply thinly; stop the steroid after 7 days.',
        now() - interval '21 days')
on conflict do nothing;
insert into public.prescription_items (tenant_id, prescription_id, position, medicine, strength, dose, route, frequency, duration, quantity, instructions)
values
  ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000301', 1, 'Hydrocortisone', '1% cream', 'thin layer', 'topical',
   'twice a day', '7 days', '30 g', 'Affected areas only'),
  ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000301', 2, 'Emollient', '500 g tub', 'as needed', 'topical',
   'at least twice a day', null, '500 g', null)
on conflict do nothing;

insert into public.clinical_attachments (tenant_id, id, patient_id, note_id, object_path, title, kind, content_type, is_shared_with_patient,
                                         uploaded_by, uploaded_by_member_id)
values ('b0000000-0000-4000-8000-000000000001', '99000000-0000-4000-8000-000000000401', '90000000-0000-4000-8000-000000000001',
        '99000000-0000-4000-8000-000000000101',
        'b0000000-0000-4000-8000-000000000001/90000000-0000-4000-8000-000000000001/clinical/skin-swab.pdf',
        'Skin swab: no bacterial growth', 'lab_report', 'application/pdf', true,
        'a0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005')
on conflict do nothing;

insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
values
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000001', 'patient', 'Please can we look at the rash on my arms too.'),
  ('b0000000-0000-4000-8000-000000000001', '93000000-0000-4000-8000-000000000001', 'front_desk', 'Asked to bring his current creams.')
on conflict do nothing;
