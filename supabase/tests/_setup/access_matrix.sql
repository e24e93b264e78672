-- supabase/tests/_setup/access_matrix.sql — the access matrix (every public table and view x
-- command x role) as data, the probes that check each cell, and their fixture, in schema `tests`.
-- Applied like the other _setup files (as postgres, committed; creates no data).
--
-- One source for two things:
--   * access_matrix/every_cell_of_the_access_matrix_holds.test.sql checks every cell: cells of a
--     role without the privilege must be "⛔" and service_role's cells with it "✅" (the catalogue
--     decides); every other cell by running its probe as that role (RLS and triggers decide);
--   * scripts/access-matrix.ts renders docs/access-matrix.md from these cells and the catalogue
--     (grants, policies and their comments, role sets, private function grants), and `npm test`
--     fails when the committed page differs from what it renders.
--
-- A cell is its symbol, optionally followed by a short note:
--   ✅ allowed for every row of tenant_a the probe touches (or the insert succeeds)
--   ◐  allowed for some of those rows (or the insert succeeds for this role's own case)
--   ∅  no row: RLS hides them (select returns nothing, update/delete change zero rows, no error)
--   ⛔ refused with an error: 42501 (no grant, or an insert RLS refuses) unless the cell names
--      another SQLSTATE
-- Probes run as the columns' users on tests.create_access_matrix_fixtures(), always rolled back
-- (tests.outcome_as). select/update/delete touch the rows of `scope` (tenant_a's rows unless
-- said otherwise); insert runs `statement`, or a column's own statement (access_matrix_overrides).

create schema if not exists tests;

create or replace function tests.access_matrix_columns()
returns table (ordinal integer, column_key text, who text, label text, description text)
language sql
immutable
set search_path = ''
as $$
  select * from (values
    (1, 'anon', 'anon', 'anon', 'a visitor with only the anon (publishable) key'),
    (2, 'patient', 'patient', 'patient', 'a signed-in user with patient records (tenant_a and tenant_b), no staff role'),
    (3, 'owner', 'a_owner', 'owner', 'owner of tenant_a (tenant-wide)'),
    (4, 'admin', 'a_admin', 'admin', 'admin of tenant_a (tenant-wide)'),
    (5, 'manager', 'a_manager', 'manager', 'manager of tenant_a (tenant-wide)'),
    (6, 'centre_mgr', 'a_centre_manager', 'centre mgr @c1', 'centre_manager of centre_a1 (a centre manager is always scoped to one centre)'),
    (7, 'clinician', 'a_clinician', 'clinician', 'clinician of tenant_a, tenant-wide, profile clinician_a'),
    (8, 'clinician_c', 'a_clinician_2', 'clinician @c2', 'clinician at centre_a2 only, profile clinician_a_2'),
    (9, 'care_coord', 'a_care_coordinator', 'care coord', 'care_coordinator of tenant_a (tenant-wide)'),
    (10, 'care_coord_c', 'a_care_coordinator_a2', 'care coord @c2', 'care_coordinator at centre_a2 only'),
    (11, 'front_desk', 'a_front_desk', 'front desk', 'front_desk of tenant_a (tenant-wide)'),
    (12, 'front_desk_c', 'a_front_desk_a1', 'front desk @c1', 'front_desk at centre_a1 only'),
    (13, 'other_tenant', 'b_owner', 'other tenant', 'the owner of tenant_b, acting on tenant_a''s rows'),
    (14, 'service_role', 'service_role', 'service_role', 'server-side code with the secret key: bypasses RLS, limited by grants only')
  ) as c(ordinal, column_key, who, label, description)
$$;
comment on function tests.access_matrix_columns() is
  'Access matrix: its role columns, in order, and the test user each one runs as.';

-- The cast: every table holds rows of tenant_a that some roles may see and others not.
create or replace function tests.create_access_matrix_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_centre_scope_fixtures();
  perform tests.create_availability_fixtures();

  -- clinical records: besides note_a (patient_a, a_clinician) and note_a_2 (patient_a, a_clinician_2)
  insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body, is_restricted) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a_restricted'), tests.tenancy_id('patient_a'),
     tests.tenancy_id('a_clinician_2.member'), 'Psychotherapy session notes', true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_unplaced'), tests.tenancy_id('patient_a_unplaced'),
     tests.tenancy_id('a_clinician.member'), 'Phone consultation', false),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('patient_a_walk_in'),
     tests.tenancy_id('a_clinician.member'), 'Walk-in triage note', false);
  insert into public.medical_note_shares (tenant_id, note_id, member_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a'), tests.tenancy_id('a_clinician_2.member')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_unplaced'), tests.tenancy_id('a_front_desk.member'));
  insert into public.break_glass_accesses (tenant_id, id, patient_id, member_id, reason, created_at, expires_at) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('glass_a'), tests.tenancy_id('patient_a_unplaced'),
     tests.tenancy_id('a_clinician_2.member'), 'Unconscious in A&E, checking allergies', now() - interval '1 day', now() - interval '23 hours'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('glass_b'), tests.tenancy_id('patient_a_waiting'),
     tests.tenancy_id('a_clinician.member'), 'Collapsed in the waiting room', now() - interval '2 days', now() - interval '47 hours');
  -- a patient without any record elsewhere (can be deleted)
  insert into public.patients (tenant_id, id, full_name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_erasable'), 'Era Sable');

  -- tenant administration
  insert into public.invitations (tenant_id, id, email, role, invited_by) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_front_desk'), 'new.desk@alpha.test', 'front_desk', tests.get_supabase_uid('a_owner')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_admin'), 'new.admin@alpha.test', 'admin', tests.get_supabase_uid('a_owner'));
  insert into public.notification_templates (tenant_id, kind, channel, language, body)
  values (tests.tenancy_id('tenant_a'), 'reminder', 'sms', 'en', 'See you soon');
  insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables)
  values (tests.tenancy_id('tenant_a'), 'reminder', 'en', 'HX' || pg_catalog.repeat('0a', 16), array['patient_name', 'starts_at_local']);
  insert into public.tenant_payment_settings (tenant_id, stripe_account_id) values (tests.tenancy_id('tenant_a'), 'acct_alpha1');
  insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
  values (tests.tenancy_id('tenant_a'), 'booking', 20, 200, interval '1 hour');

  -- bookings at both centres: series, rooms, today's visits, holds with money due, refunds,
  -- waitlist entries and a waitlist offer (a freed slot offered to patient_a_waiting)
  insert into public.appointment_series (tenant_id, id, patient_id, service_id, clinician_id, centre_id, rrule, first_starts_at) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('series_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'),
     tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'FREQ=WEEKLY;COUNT=2', '2027-01-04 10:00 Europe/London'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('series_a_2'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('appt_checkup'),
     tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), 'FREQ=WEEKLY;COUNT=2', '2027-01-05 10:00 Europe/London');
  insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a1'), tests.tenancy_id('resource_a1_room'), 'empty', true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a2'), tests.tenancy_id('resource_a2_room'), 'empty', true);
  insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('resource_a2_spare'), tests.tenancy_id('centre_a2'), 'room', 'consulting_room', 'Spare room');
  perform tests.insert_appointment('today_a1', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(0, '23:00'));
  perform tests.insert_appointment('today_a2', 'appt_checkup', 'clinician_a_2', 'patient_a', tests.appointment_slot(0, '22:00'),
                                   'booked', 'tenant_a', 'centre_a2');
  perform tests.insert_appointment('hold_a2', 'appt_paid', 'clinician_a_2', 'patient_a_2', tests.appointment_slot(6, '10:00'),
                                   'pending', 'tenant_a', 'centre_a2');
  perform private.insert_refund(p, 5, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_scope_a1');
  perform tests.insert_waitlist_entry('scope_wait_a2', 'patient_a_2', 'appt_checkup', tests.appointment_slot(6, '09:00'),
                                      tests.appointment_slot(6, '17:00'), null, 'staff', 'tenant_a', 'centre_a2');
  perform tests.free_slot('matrix_freed', tests.appointment_slot(5, '10:00'));
  perform public.cancel_appointment(tests.tenancy_id('matrix_freed'), 'patient_request');
  insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at)
  select a.tenant_id, tests.tenancy_id('scope_wait_a2'), a.id, a.clinician_id, a.starts_at, a.ends_at, now() + interval '1 hour'
  from public.appointments as a where a.id = tests.tenancy_id('hold_a2');

  -- clinic presence: departments, credentials, products, patient documents, reviews
  insert into public.departments (tenant_id, id, centre_id, name, slug) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a1'), tests.tenancy_id('centre_a1'), 'Cardiology', 'cardiology'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a2'), tests.tenancy_id('centre_a2'), 'Dermatology', 'dermatology'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a_back'), tests.tenancy_id('centre_a_unpublished'), 'Records', 'records');
  insert into public.department_clinicians (tenant_id, department_id, clinician_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a1'), tests.tenancy_id('clinician_a')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a2'), tests.tenancy_id('clinician_a_2')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a2'), tests.tenancy_id('clinician_a_visiting'));
  insert into public.department_services (tenant_id, department_id, service_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a1'), tests.tenancy_id('service_a_consult')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a2'), tests.tenancy_id('service_a_internal'));
  insert into public.clinician_credentials (tenant_id, id, clinician_id, kind, title, issuer, reference_number, is_public) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('cred_a_public'), tests.tenancy_id('clinician_a'), 'registration', 'Full registration', 'General Medical Council', 'GMC 1234567', true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('cred_a_private'), tests.tenancy_id('clinician_a'), 'certificate', 'Basic life support', null, null, false),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('cred_a2_public'), tests.tenancy_id('clinician_a_2'), 'education', 'MBBS', 'King''s College London', null, true);
  insert into public.products (tenant_id, id, name, category, price, currency, is_published) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_public'), 'Paracetamol', 'Pain relief', 1.50, 'GBP', true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_draft'), 'Travel kit', 'Travel', 20, 'GBP', false),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_back'), 'Sharps bin', 'Supplies', 4, 'GBP', true);
  insert into public.product_centres (tenant_id, product_id, centre_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_public'), tests.tenancy_id('centre_a1')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_public'), tests.tenancy_id('centre_a2')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_draft'), tests.tenancy_id('centre_a1')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_back'), tests.tenancy_id('centre_a_unpublished'));
  -- documents as their uploaders added them (uploaded_by is the request's user)
  perform tests.insert_patient_document_as('patient', 'doc_a', 'patient_a');
  perform tests.insert_patient_document_as('a_care_coordinator_a2', 'doc_a_2', 'patient_a_2');
  perform tests.insert_patient_document_as('a_front_desk', 'doc_walk_in', 'patient_a_walk_in');
  perform tests.insert_patient_document_as('a_front_desk', 'doc_unplaced', 'patient_a_unplaced');
  insert into public.reviews (tenant_id, id, appointment_id, clinician_id, patient_id, rating, body) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('review_a'), tests.tenancy_id('scope_a1'), tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a'), 5, 'Thorough'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('review_walk_in'), tests.tenancy_id('scope_a2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('patient_a_walk_in'), 2, 'Late');
end
$$;
comment on function tests.create_access_matrix_fixtures() is
  'Access matrix: the fixture every probe runs on (centre-scope cast, availability, clinical notes with a restricted one, shares, a break-glass access, invitations, a template, payment settings, a series, a waitlist offer, departments, credentials, products, patient documents, reviews). Call as postgres after begin.';

-- A patient document added by a user (uploaded_by is set from the request, as through the API).
create or replace function tests.insert_patient_document_as(uploader text, document text, patient text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform pg_catalog.set_config('request.jwt.claims', pg_catalog.json_build_object('sub', tests.get_supabase_uid(uploader))::text, true);
  insert into public.patient_documents (tenant_id, id, patient_id, object_path, title)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id(document), tests.tenancy_id(patient),
          tests.tenancy_id('tenant_a')::text || '/' || tests.tenancy_id(patient)::text || '/' || document || '.pdf', 'Letter ' || document);
  perform pg_catalog.set_config('request.jwt.claims', '', true);
end
$$;
comment on function tests.insert_patient_document_as(text, text, text) is
  'Access matrix: inserts a patient document of tenant_a as if uploaded by that user (uploaded_by = their id). Call as postgres.';
revoke execute on function tests.insert_patient_document_as(text, text, text) from public;

-- What each (table, command) probe touches or runs. For select/update/delete: `scope` is the
-- where clause, `set_clause` the no-op update. For insert: `statement` ends in `returning 1`.
create or replace function tests.access_matrix_probes()
returns table (table_name text, command text, scope text, set_clause text, statement text)
language sql
immutable
set search_path = ''
as $$
  with t(table_name) as (values
    ('appointment_resources'), ('appointment_series'), ('appointment_status_history'), ('appointments'), ('audit_log'),
    ('audit_log_values'), ('availability_overrides'), ('availability_rules'), ('break_glass_accesses'), ('centres'),
    ('clinician_centres'), ('clinician_members'), ('clinician_services'), ('clinicians'), ('holidays'), ('invitations'),
    ('medical_note_shares'), ('medical_notes'), ('member_roles'), ('members'), ('notification_templates'), ('notifications'),
    ('patients'), ('payments'), ('payments_due'), ('refunds'), ('resources'), ('services'), ('tenant_payment_settings'),
    ('tenant_rate_limits'), ('tenants'), ('time_off'), ('todays_schedule'), ('upcoming_appointments'), ('waitlist_entries'), ('waitlist_offers'),
    ('departments'), ('department_clinicians'), ('department_services'), ('clinician_credentials'), ('products'),
    ('product_centres'), ('patient_documents'), ('reviews'), ('whatsapp_templates'))
  select t.table_name, 'select',
         case t.table_name when 'tenants' then $q$ id = tests.tenancy_id('tenant_a') $q$
                           when 'todays_schedule' then $q$ true $q$
                           else $q$ tenant_id = tests.tenancy_id('tenant_a') $q$ end,
         null, null
  from t
  union all
  select p.table_name, p.command, p.scope, p.set_clause, p.statement
  from (values
    -- update: a change that changes nothing, on the rows of `scope`
    ('tenants', 'update', $q$ id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('centres', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('members', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'display_name = display_name', null),
    ('invitations', 'update', $q$ id = tests.tenancy_id('inv_front_desk') $q$, 'revoked_at = now()', null),
    ('clinicians', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'bio = bio', null),
    ('patients', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'lead_source = lead_source', null),
    ('medical_notes', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'body = body', null),
    ('services', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('clinician_services', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'price_override = price_override', null),
    ('resources', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('availability_rules', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'local_start = local_start', null),
    ('availability_overrides', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'local_start = local_start', null),
    ('time_off', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'reason = reason', null),
    ('holidays', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('notification_templates', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'body = body', null),
    ('departments', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('department_clinicians', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'display_order = display_order', null),
    ('department_services', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'display_order = display_order', null),
    ('clinician_credentials', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'title = title', null),
    ('products', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'name = name', null),
    ('product_centres', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'stock_status = stock_status', null),
    ('patient_documents', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'title = title', null),
    ('reviews', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'rating = rating', null),
    ('tenant_rate_limits', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'per_ip = per_ip', null),
    ('whatsapp_templates', 'update', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, 'content_sid = content_sid', null),
    -- delete: rows that can go without touching anything that refers to them
    ('centres', 'delete', $q$ id = tests.tenancy_id('centre_a_unpublished') $q$, null, null),
    ('members', 'delete', $q$ id = tests.tenancy_id('a_front_desk_a1.member') $q$, null, null),
    ('member_roles', 'delete', $q$ member_id = tests.tenancy_id('a_front_desk.member') $q$, null, null),
    ('clinicians', 'delete', $q$ id = tests.tenancy_id('clinician_a_retired') $q$, null, null),
    ('clinician_centres', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('clinician_members', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('patients', 'delete', $q$ id = tests.tenancy_id('patient_a_erasable') $q$, null, null),
    ('medical_note_shares', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('services', 'delete', $q$ id = tests.tenancy_id('service_a_internal') $q$, null, null),
    ('clinician_services', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('resources', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') and id not in (tests.tenancy_id('resource_a1_room'), tests.tenancy_id('resource_a2_room')) $q$, null, null),
    ('availability_rules', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('availability_overrides', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('time_off', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('holidays', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('notification_templates', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('departments', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('department_clinicians', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('department_services', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('clinician_credentials', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('products', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('product_centres', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('patient_documents', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('reviews', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('tenant_rate_limits', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    ('whatsapp_templates', 'delete', $q$ tenant_id = tests.tenancy_id('tenant_a') $q$, null, null),
    -- insert: one new row of tenant_a
    ('centres', 'insert', null, null, $q$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'Alpha South', 'south') returning 1 $q$),
    ('members', 'insert', null, null, $q$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('outsider'), 'New Colleague') returning 1 $q$),
    ('member_roles', 'insert', null, null, $q$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk') returning 1 $q$),
    ('invitations', 'insert', null, null, $q$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'someone@alpha.test', 'front_desk') returning 1 $q$),
    ('clinicians', 'insert', null, null, $q$ insert into public.clinicians (tenant_id, display_name) values (tests.tenancy_id('tenant_a'), 'Dr New') returning 1 $q$),
    ('clinician_centres', 'insert', null, null, $q$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a_unpublished')) returning 1 $q$),
    ('clinician_members', 'insert', null, null, $q$ insert into public.clinician_members (tenant_id, clinician_id, member_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('a_front_desk.member')) returning 1 $q$),
    ('patients', 'insert', null, null, $q$ insert into public.patients (tenant_id, registered_centre_id, full_name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'New Patient') returning 1 $q$),
    ('medical_notes', 'insert', null, null, $q$ insert into public.medical_notes (tenant_id, patient_id, body) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'Follow-up note') returning 1 $q$),
    ('medical_note_shares', 'insert', null, null, $q$ insert into public.medical_note_shares (tenant_id, note_id, member_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('a_clinician_2.member')) returning 1 $q$),
    ('break_glass_accesses', 'insert', null, null, $q$ insert into public.break_glass_accesses (tenant_id, patient_id, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_erasable'), 'Emergency: checking medication') returning 1 $q$),
    ('services', 'insert', null, null, $q$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_a'), 'New service', 30) returning 1 $q$),
    ('clinician_services', 'insert', null, null, $q$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_video')) returning 1 $q$),
    ('resources', 'insert', null, null, $q$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'consulting_room', 'Room 42') returning 1 $q$),
    ('availability_rules', 'insert', null, null, $q$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '18:00', '19:00', 'FREQ=WEEKLY;BYDAY=SA', '2026-06-01') returning 1 $q$),
    ('availability_overrides', 'insert', null, null, $q$ insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '2026-07-04', '10:00', '12:00') returning 1 $q$),
    ('time_off', 'insert', null, null, $q$ insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), '[2026-08-01 00:00Z,2026-08-02 00:00Z)', 'training') returning 1 $q$),
    ('holidays', 'insert', null, null, $q$ insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), '2026-12-26', 'Boxing Day') returning 1 $q$),
    ('notification_templates', 'insert', null, null, $q$ insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'email', 'en', 'Booked', 'You are booked') returning 1 $q$),
    ('departments', 'insert', null, null, $q$ insert into public.departments (tenant_id, centre_id, name, slug) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'Pharmacy', 'pharmacy') returning 1 $q$),
    ('department_clinicians', 'insert', null, null, $q$ insert into public.department_clinicians (tenant_id, department_id, clinician_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a1'), tests.tenancy_id('clinician_a_visiting')) returning 1 $q$),
    ('department_services', 'insert', null, null, $q$ insert into public.department_services (tenant_id, department_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_a1'), tests.tenancy_id('service_a_video')) returning 1 $q$),
    ('clinician_credentials', 'insert', null, null, $q$ insert into public.clinician_credentials (tenant_id, clinician_id, kind, title) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), 'award', 'Teaching award') returning 1 $q$),
    ('products', 'insert', null, null, $q$ insert into public.products (tenant_id, name, category, price, currency) values (tests.tenancy_id('tenant_a'), 'Plasters', 'First aid', 2, 'GBP') returning 1 $q$),
    ('product_centres', 'insert', null, null, $q$ insert into public.product_centres (tenant_id, product_id, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a_back'), tests.tenancy_id('centre_a1')) returning 1 $q$),
    ('patient_documents', 'insert', null, null, $q$ insert into public.patient_documents (tenant_id, patient_id, object_path, title) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_unplaced'), tests.tenancy_id('tenant_a')::text || '/' || tests.tenancy_id('patient_a_unplaced')::text || '/new.pdf', 'Insurance card') returning 1 $q$),
    ('reviews', 'insert', null, null, $q$ insert into public.reviews (tenant_id, appointment_id, clinician_id, patient_id, rating) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('patient_a'), 4) returning 1 $q$),
    ('tenant_rate_limits', 'insert', null, null, $q$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period) values (tests.tenancy_id('tenant_a'), 'payment', 10, 100, interval '1 hour') returning 1 $q$),
    ('whatsapp_templates', 'insert', null, null, $q$ insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'hi', 'HX' || pg_catalog.repeat('0b', 16), array['patient_name']) returning 1 $q$)
  ) as p(table_name, command, scope, set_clause, statement)
$$;
comment on function tests.access_matrix_probes() is
  'Access matrix: what each (table, command) probe touches (select/update/delete: scope, set clause) or runs (insert).';

-- A column whose own case differs from the probe: who it runs as and what.
create or replace function tests.access_matrix_overrides()
returns table (table_name text, command text, column_key text, who text, statement text)
language sql
immutable
set search_path = ''
as $$
  select * from (values
    ('patients', 'insert', 'patient', 'outsider',
     $q$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Self Registered') returning 1 $q$),
    ('patient_documents', 'insert', 'patient', 'patient',
     $q$ insert into public.patient_documents (tenant_id, patient_id, object_path, title) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('tenant_a')::text || '/' || tests.tenancy_id('patient_a')::text || '/mine.pdf', 'My referral') returning 1 $q$)
  ) as o(table_name, command, column_key, who, statement)
$$;
comment on function tests.access_matrix_overrides() is
  'Access matrix: cells probed differently from their row (e.g. a patient registers THEMSELF: run as a signed-in user without a record there).';

-- The SQL a cell's probe runs, and the rows it can touch at most (counted as postgres).
create or replace function tests.access_matrix_probe_sql(p_table text, p_command text, p_column text)
returns table (who text, statement text, total_statement text)
language sql
stable
set search_path = ''
as $$
  select
    coalesce(o.who, c.who),
    coalesce(o.statement,
      case p.command
        when 'select' then pg_catalog.format('select 1 from public.%I where %s', p.table_name, p.scope)
        when 'update' then pg_catalog.format('update public.%I set %s where %s returning 1', p.table_name, coalesce(p.set_clause, 'tenant_id = tenant_id'), coalesce(p.scope, 'true'))
        when 'delete' then pg_catalog.format('delete from public.%I where %s returning 1', p.table_name, coalesce(p.scope, 'true'))
        when 'insert' then p.statement
      end),
    case when p.command <> 'insert' then pg_catalog.format('select 1 from public.%I where %s', p.table_name, coalesce(p.scope, 'true')) end
  from tests.access_matrix_columns() as c
  left join tests.access_matrix_probes() as p on p.table_name = p_table and p.command = p_command
  left join tests.access_matrix_overrides() as o on o.table_name = p_table and o.command = p_command and o.column_key = c.column_key
  where c.column_key = p_column
$$;

-- Runs a cell's probe and returns the symbol it earns: ✅ / ◐ / ∅ / ⛔ (+ SQLSTATE unless 42501).
create or replace function tests.access_matrix_observed(p_table text, p_command text, p_column text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_probe record;
  v_total bigint;
  v_outcome text;
  v_rows bigint;
begin
  select * into v_probe from tests.access_matrix_probe_sql(p_table, p_command, p_column);
  if v_probe.statement is null then
    return null;
  end if;
  v_outcome := tests.outcome_as(v_probe.who, v_probe.statement);
  if v_outcome !~ ' rows?$' then
    return case when v_outcome = '42501' then '⛔' else '⛔ ' || v_outcome end;
  end if;
  v_rows := pg_catalog.split_part(v_outcome, ' ', 1)::bigint;
  if p_command = 'insert' then
    return case when v_rows > 0 then '✅' else '∅' end;
  end if;
  execute 'select pg_catalog.count(*) from (' || v_probe.total_statement || ') as probe' into v_total;
  return case when v_rows = 0 then '∅' when v_rows = v_total then '✅' else '◐' end;
end
$$;
comment on function tests.access_matrix_observed(text, text, text) is
  'Access matrix: runs the probe of one cell as its column''s user (rolled back) and returns the symbol it earns.';

revoke execute on function tests.access_matrix_columns() from public;
revoke execute on function tests.create_access_matrix_fixtures() from public;
revoke execute on function tests.access_matrix_probes() from public;
revoke execute on function tests.access_matrix_overrides() from public;
revoke execute on function tests.access_matrix_probe_sql(text, text, text) from public;
revoke execute on function tests.access_matrix_observed(text, text, text) from public;

-- The matrix: for every public table and view and every command, one cell per column of
-- tests.access_matrix_columns(), in that order.
create or replace function tests.access_matrix_expected()
returns table (table_name text, command text, cells text[])
language sql
immutable
set search_path = ''
as $$
  select * from (values
    ('appointment_resources', 'select', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('appointment_resources', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_resources', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_resources', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_series', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('appointment_series', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_series', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_series', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointment_status_history', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('appointment_status_history', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('appointment_status_history', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('appointment_status_history', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('appointments', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('appointments', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointments', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('appointments', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('audit_log', 'select', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('audit_log', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('audit_log', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('audit_log', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('audit_log_values', 'select', array['⛔', '∅', '◐ rows they read', '◐ rows they read', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('audit_log_values', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('audit_log_values', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('audit_log_values', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('availability_overrides', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('availability_overrides', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '✅ own', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('availability_overrides', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('availability_overrides', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('availability_rules', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('availability_rules', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '✅ own', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('availability_rules', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('availability_rules', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('break_glass_accesses', 'select', array['⛔', '∅', '✅', '✅', '∅', '∅', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('break_glass_accesses', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅ reason', '✅ reason', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('break_glass_accesses', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('break_glass_accesses', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('centres', 'select', array['◐ published', '◐ published', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ published', '✅']),
    ('centres', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('centres', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('centres', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_centres', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('clinician_centres', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('clinician_centres', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('clinician_centres', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_members', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('clinician_members', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('clinician_members', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('clinician_members', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_services', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('clinician_services', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('clinician_services', 'update', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_services', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinicians', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('clinicians', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('clinicians', 'update', array['⛔', '∅', '✅', '✅', '✅', '∅', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinicians', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_credentials', 'select', array['◐ public', '◐ public', '✅', '✅', '◐ public', '◐ public', '◐ own', '◐ own', '◐ public', '◐ public', '◐ public', '◐ public', '◐ public', '✅']),
    ('clinician_credentials', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '✅ own', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('clinician_credentials', 'update', array['⛔', '∅', '✅', '✅', '∅', '∅', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('clinician_credentials', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('department_clinicians', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('department_clinicians', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('department_clinicians', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('department_clinicians', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('department_services', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('department_services', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('department_services', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('department_services', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('departments', 'select', array['◐ published', '◐ published', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ published', '✅']),
    ('departments', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('departments', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('departments', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('holidays', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('holidays', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('holidays', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('holidays', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('invitations', 'select', array['⛔', '∅', '✅', '✅', '◐ below manager', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('invitations', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('invitations', 'update', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('invitations', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('medical_note_shares', 'select', array['⛔', '∅', '∅', '∅', '∅', '∅', '✅ their notes', '◐ shared with them', '∅', '∅', '◐ shared with them', '∅', '∅', '✅']),
    ('medical_note_shares', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅ their note', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('medical_note_shares', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('medical_note_shares', 'delete', array['⛔', '∅', '∅', '∅', '∅', '∅', '✅ their notes', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('medical_notes', 'select', array['⛔', '∅', '∅', '∅', '∅', '∅', '◐ care', '◐ care', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('medical_notes', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅ as author', '✅ as author', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('medical_notes', 'update', array['⛔', '∅', '∅', '∅', '∅', '∅', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('medical_notes', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('member_roles', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('member_roles', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('member_roles', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('member_roles', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('members', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('members', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('members', 'update', array['⛔', '∅', '✅', '◐ not owners, admins', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('members', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('notification_templates', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('notification_templates', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('notification_templates', 'update', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('notification_templates', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('whatsapp_templates', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('whatsapp_templates', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('whatsapp_templates', 'update', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('whatsapp_templates', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('notifications', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '∅', '∅', '∅', '✅', '∅', '✅', '∅', '∅', '✅']),
    ('notifications', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('notifications', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('notifications', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('patient_documents', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, care', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('patient_documents', 'insert', array['⛔', '✅ own', '✅', '✅', '✅', '⛔', '✅', '⛔', '✅', '⛔', '✅', '⛔', '⛔', '✅']),
    ('patient_documents', 'update', array['⛔', '◐ own upload', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '◐ own upload', '◐ own uploads', '∅', '∅', '✅']),
    ('patient_documents', 'delete', array['⛔', '◐ own upload', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '◐ own upload', '◐ own uploads', '∅', '∅', '✅']),
    ('patients', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, care', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('patients', 'insert', array['⛔', '✅ self', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '✅', '⛔ other centre', '✅', '✅ own centre', '⛔', '✅']),
    ('patients', 'update', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '∅', '∅', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('patients', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('payments', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('payments', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('payments', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('payments', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('payments_due', 'select', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('payments_due', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('payments_due', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('payments_due', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('product_centres', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('product_centres', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('product_centres', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('product_centres', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('products', 'select', array['◐ published', '◐ published', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ published', '✅']),
    ('products', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('products', 'update', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('products', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('refunds', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('refunds', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('refunds', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('refunds', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('resources', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('resources', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('resources', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('resources', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('reviews', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('reviews', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('reviews', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('reviews', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('services', 'select', array['◐ public', '◐ public', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '◐ public', '✅']),
    ('services', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('services', 'update', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('services', 'delete', array['⛔', '∅', '✅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('tenant_payment_settings', 'select', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('tenant_payment_settings', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('tenant_payment_settings', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('tenant_payment_settings', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('tenant_rate_limits', 'select', array['⛔', '∅', '✅', '✅', '✅', '∅', '✅', '∅', '✅', '∅', '✅', '∅', '∅', '✅']),
    ('tenant_rate_limits', 'insert', array['⛔', '⛔', '✅', '✅', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('tenant_rate_limits', 'update', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('tenant_rate_limits', 'delete', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('tenants', 'select', array['✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅']),
    ('tenants', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('tenants', 'update', array['⛔', '∅', '✅', '✅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('tenants', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('time_off', 'select', array['⛔', '∅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '∅', '✅']),
    ('time_off', 'insert', array['⛔', '⛔', '✅', '✅', '✅', '✅ own centre', '✅ own', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('time_off', 'update', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('time_off', 'delete', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '◐ own', '◐ own', '∅', '∅', '∅', '∅', '∅', '✅']),
    ('todays_schedule', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('todays_schedule', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('todays_schedule', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('todays_schedule', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('upcoming_appointments', 'select', array['⛔', '◐ own', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre, own', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('upcoming_appointments', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('upcoming_appointments', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('upcoming_appointments', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔']),
    ('waitlist_entries', 'select', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('waitlist_entries', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('waitlist_entries', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('waitlist_entries', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('waitlist_offers', 'select', array['⛔', '∅', '✅', '✅', '✅', '◐ centre', '✅', '◐ centre', '✅', '◐ centre', '✅', '◐ centre', '∅', '✅']),
    ('waitlist_offers', 'insert', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('waitlist_offers', 'update', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅']),
    ('waitlist_offers', 'delete', array['⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '⛔', '✅'])
  ) as m(table_name, command, cells)
$$;
comment on function tests.access_matrix_expected() is
  'Access matrix: the expected cell of every public table and view x command x column (symbol and a short note); checked by access_matrix/every_cell_of_the_access_matrix_holds.test.sql, rendered into docs/access-matrix.md.';
revoke execute on function tests.access_matrix_expected() from public;
