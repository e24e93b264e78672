-- supabase/tests/_setup/private_function_grants.sql — which API roles may execute which private
-- function, and the caller path that needs it, in schema `tests`. Applied like the other _setup
-- files (as postgres, committed; creates no data). Asserted against the catalogue by
-- api_surface/every_private_function_is_executable_only_by_the_roles_that_call_it.test.sql and
-- rendered into docs/access-matrix.md by scripts/access-matrix.ts.
--
-- A role needs EXECUTE on a private function only where the function runs AS that role: a policy
-- it is checked against, a security-invoker function it calls (public RPC wrappers, views), a
-- guard trigger, check constraint or index predicate of a table it writes. Functions called only
-- by security-definer functions run as their owner: no API grant (they are not listed here).

create schema if not exists tests;

create or replace function tests.private_function_grants()
returns table (function_signature text, grantees text, caller_path text)
language sql
immutable
set search_path = ''
as $$
  select * from (values
    -- access helpers and role sets: the policies run them as the signed-in caller
    ('private.tenant_ids_with_role(staff_role[])', 'authenticated,service_role', 'RLS policies; service_role: the analytics and notification_stats invoker functions and the appointment status guard'),
    ('private.centre_keys_with_role(staff_role[])', 'authenticated,service_role', 'RLS policies; service_role: the analytics invoker functions'),
    ('private.tenant_ids_with_role_at_any_scope(staff_role[])', 'authenticated', 'RLS policies (patients, medical notes, shares, break-glass)'),
    ('private.member_tenant_ids()', 'authenticated', 'RLS policies; the realtime topic check'),
    ('private.member_keys_of_current_user()', 'authenticated', 'RLS policies (members, member roles, notes, shares, break-glass)'),
    ('private.member_keys_with_role(staff_role[])', 'authenticated', 'RLS policies (members)'),
    ('private.patient_keys_of_current_user()', 'authenticated', 'RLS policies (a patient''s own rows); the realtime topic check'),
    ('private.clinician_keys_of_current_user()', 'authenticated', 'RLS policies (a clinician''s own rows); the realtime topic check'),
    ('private.tenant_wide_staff_tenant_ids()', 'authenticated', 'RLS policies (least privilege); the realtime topic check'),
    ('private.scoped_centre_keys(staff_role[])', 'authenticated', 'RLS policies (least privilege); the realtime topic check'),
    ('private.patient_keys_at_scoped_centres(staff_role[])', 'authenticated', 'RLS policies (patients); the realtime topic check'),
    ('private.patient_keys_in_care_of_current_user()', 'authenticated', 'RLS policies (patients, medical notes); the realtime topic check'),
    ('private.appointment_keys_of_scoped_staff()', 'authenticated', 'RLS policies (appointments, their history, resources, payments, refunds)'),
    ('private.note_keys_authored_by_current_user()', 'authenticated', 'RLS policies (medical note shares)'),
    ('private.note_keys_shared_with_current_user()', 'authenticated', 'RLS policies (medical notes)'),
    ('private.patient_keys_with_open_break_glass()', 'authenticated', 'RLS policies (medical notes)'),
    ('private.caller_can_read_row(text,jsonb)', 'authenticated', 'RLS policy of audit_log_values'),
    ('private.owner_roles()', 'authenticated', 'RLS policies'),
    ('private.tenant_admin_roles()', 'authenticated,service_role', 'RLS policies; service_role: the appointment status guard'),
    ('private.practice_manager_roles()', 'authenticated,service_role', 'RLS policies; the clinician self-edit guard; service_role: private.may_read_analytics and notification_stats'),
    ('private.centre_manager_roles()', 'authenticated,service_role', 'RLS policies; service_role: private.may_read_analytics and the analytics window''s hint'),
    ('private.front_office_roles()', 'authenticated', 'RLS policies (patients)'),
    ('private.messaging_roles()', 'authenticated', 'RLS policies (notifications)'),
    ('private.clinical_roles()', 'authenticated', 'RLS policies (medical notes, shares, break-glass)'),
    ('private.roles_below_manager()', 'authenticated', 'RLS policies (invitations)'),
    ('private.staff_roles()', 'authenticated', 'RLS policies (least privilege)'),
    ('private.patient_keys_in_clinical_care()', 'authenticated', 'RLS policies (medical history, prescriptions, clinical attachments); private.may_write_storage_object; public.fhir_patient_bundle (signed-in callers)'),
    ('private.appointment_note_keys_writable_by_current_user()', 'authenticated', 'RLS policies (appointment notes)'),
    ('private.may_receive_realtime_topic(text)', 'authenticated', 'RLS policy of realtime.messages (private channel joins)'),
    ('private.realtime_topic_parts(text)', 'authenticated', 'the realtime topic check (security invoker)'),
    -- check constraints, domains, index predicates, guard triggers: run as the writing role
    ('private.is_iana_timezone(text)', 'authenticated,service_role', 'the iana_timezone domain, checked for whoever writes tenants, centres, availability'),
    ('private.is_valid_opening_hours(jsonb)', 'authenticated,service_role', 'check constraint of centres'),
    ('private.is_iso_currency(text)', 'authenticated,service_role', 'the currency_code domain, checked for whoever writes tenants, services, clinicians, payments, refunds'),
    ('private.fits_minor_unit(numeric,text)', 'authenticated,service_role', 'check constraints of services and clinicians (prices in the currency''s minor unit)'),
    ('private.iso_4217_currencies()', 'authenticated,service_role', 'private.is_iso_currency and private.fits_minor_unit, run as the writer'),
    ('private.is_valid_emergency_contact(jsonb)', 'authenticated,service_role', 'check constraint of patients'),
    ('private.is_valid_consents(jsonb)', 'authenticated,service_role', 'check constraint of patients'),
    ('private.are_valid_reminder_offsets(interval[])', 'authenticated,service_role', 'check constraint of tenants'),
    ('private.storage_object_owner(text,text)', 'authenticated,service_role', 'RLS policies of storage.objects; private.storage_path_belongs_to and the storage rules (security invoker)'),
    ('private.may_read_storage_object(text,text)', 'authenticated', 'RLS policies of storage.objects (select); private.may_write_storage_object'),
    ('private.may_write_storage_object(text,text)', 'authenticated', 'RLS policies of storage.objects (insert, update, delete)'),
    ('private.storage_path_belongs_to(text,text,uuid,text,uuid)', 'authenticated,service_role', 'check constraints of the *_path columns (tenants, centres, clinicians, clinician_credentials, patient_documents) and private.are_valid_product_images'),
    ('private.are_valid_product_images(text[],uuid,uuid)', 'authenticated,service_role', 'check constraint of products'),
    ('private.is_valid_web_url(text)', 'authenticated,service_role', 'check constraints of tenants and centres; private.is_valid_social_links'),
    ('private.is_valid_social_links(jsonb)', 'authenticated,service_role', 'check constraints of tenants and centres'),
    ('private.clinician_search_text(text,text,text[])', 'authenticated,service_role', 'the directory trigram index of clinicians (evaluated for whoever writes clinicians)'),
    ('private.product_search_text(text,text)', 'authenticated,service_role', 'the trigram index of products (evaluated for whoever writes products)'),
    ('private.public_product_keys()', 'anon,authenticated', 'RLS policies of products and product_centres'),
    ('private.status_occupies(appointment_status)', 'service_role', 'exclusion constraints and index predicates of appointments (only service_role writes appointments directly)'),
    ('private.appointment_next_statuses(appointment_status)', 'service_role', 'the appointment status guard trigger (only service_role writes appointments directly)'),
    -- views
    ('private.payment_amount(uuid,uuid,uuid)', 'authenticated,service_role', 'the payments_due view (security invoker)'),
    -- security-invoker public RPCs call their private implementation as the caller
    ('private.search_slots(uuid,uuid,timestamp with time zone,timestamp with time zone,uuid,timestamp with time zone,integer)', 'anon,authenticated,service_role', 'public.search_slots'),
    ('private.centre_public_page(text,text,timestamp with time zone)', 'anon,authenticated,service_role', 'public.centre_public_page'),
    ('private.search_directory(text,text,uuid,uuid,double precision,double precision,double precision,integer)', 'anon,authenticated,service_role', 'public.search_directory'),
    ('private.search_products(text,uuid,uuid,text,boolean,integer)', 'anon,authenticated,service_role', 'public.search_products'),
    ('private.assert_page_size(integer,text)', 'authenticated,service_role', 'public.search_patients (security invoker); the definer searches run as their owner'),
    ('private.contains_pattern(text)', 'authenticated,service_role', 'public.search_patients (security invoker); the definer searches run as their owner'),
    ('private.clinician_reviews(uuid,integer,timestamp with time zone)', 'anon,authenticated,service_role', 'public.clinician_reviews'),
    ('private.submit_review(uuid,integer,text)', 'authenticated', 'public.submit_review'),
    ('private.edit_review(uuid,integer,text)', 'authenticated', 'public.edit_review'),
    ('private.withdraw_review(uuid)', 'authenticated', 'public.withdraw_review'),
    ('private.hide_review(uuid,text)', 'authenticated', 'public.hide_review'),
    ('private.prescription_summary(uuid,uuid)', 'authenticated,service_role', 'public.prescription_summary'),
    ('private.clinician_name_of_member(uuid,uuid)', 'authenticated,service_role', 'public.fhir_patient_bundle'),
    ('private.fhir_reference(uuid)', 'authenticated,service_role', 'public.fhir_patient_bundle'),
    ('private.fhir_code(text,text,clinical_code_system)', 'authenticated,service_role', 'public.fhir_patient_bundle'),
    ('private.fhir_concept(text,text)', 'authenticated,service_role', 'public.fhir_patient_bundle'),
    ('private.create_tenant(text,text,text,text,text)', 'authenticated', 'public.create_tenant'),
    ('private.book_appointment(uuid,uuid,uuid,timestamp with time zone,uuid,text,boolean,text)', 'authenticated,service_role', 'public.book_appointment'),
    ('private.book_appointment_series(uuid,uuid,uuid,timestamp with time zone,text,uuid,text,boolean)', 'authenticated,service_role', 'public.book_appointment_series'),
    ('private.change_appointment_status(uuid,appointment_status,text)', 'authenticated,service_role', 'public.cancel_appointment, confirm_appointment, mark_arrived, check_in_appointment, complete_appointment, mark_no_show, mark_entered_in_error'),
    ('private.reschedule_appointment(uuid,timestamp with time zone)', 'authenticated,service_role', 'public.reschedule_appointment'),
    ('private.cancel_appointment_series(uuid,text,text)', 'authenticated,service_role', 'public.cancel_appointment_series'),
    ('private.reschedule_appointment_series(uuid,text,timestamp with time zone)', 'authenticated,service_role', 'public.reschedule_appointment_series'),
    ('private.join_waitlist(uuid,uuid,timestamp with time zone,timestamp with time zone,uuid,uuid)', 'authenticated,service_role', 'public.join_waitlist'),
    ('private.leave_waitlist(uuid)', 'authenticated,service_role', 'public.leave_waitlist'),
    ('private.accept_waitlist_offer(uuid,uuid)', 'authenticated,service_role', 'public.accept_waitlist_offer'),
    ('private.decline_waitlist_offer(uuid,uuid)', 'authenticated,service_role', 'public.decline_waitlist_offer'),
    ('private.open_payment(uuid,payment_flow)', 'authenticated,service_role', 'public.open_payment'),
    ('private.request_refund(uuid,numeric,text)', 'authenticated,service_role', 'public.request_refund'),
    ('private.analytics_window(uuid,date,date,uuid,text)', 'authenticated,service_role', 'the public analytics functions and the private implementations'),
    ('private.assert_report_dates(uuid,date,date)', 'authenticated,service_role', 'private.analytics_window and public.notification_stats'),
    ('private.tenant_report_window(uuid,date,date)', 'authenticated,service_role', 'private.analytics_window and public.notification_stats'),
    ('private.may_read_analytics(uuid,uuid)', 'authenticated,service_role', 'private.analytics_window and public.notification_stats'),
    ('private.request_role()', 'authenticated,service_role', 'private.is_server_role'),
    ('private.is_server_role()', 'authenticated,service_role', 'private.may_read_analytics; public.import_rows and fhir_patient_bundle (security invoker)'),
    ('private.refuse_too_many_rows(bigint,text)', 'authenticated,service_role', 'the analytics functions and their private implementations (refuse an answer longer than max_rows)'),
    ('private.new_vs_returning_patients(uuid,date,date,uuid,text)', 'authenticated,service_role', 'public.new_vs_returning_patients'),
    ('private.utilisation(uuid,date,date,uuid)', 'authenticated,service_role', 'public.utilisation'),
    ('private.patients_by_lead_source(uuid,date,date,uuid)', 'authenticated,service_role', 'public.patients_by_lead_source'),
    ('private.attach_stripe_payment(uuid,text,text,text)', 'service_role', 'public.attach_stripe_payment (create-payment function)'),
    ('private.attach_razorpay_payment(uuid,text,text,text)', 'service_role', 'public.attach_razorpay_payment (create-payment function)'),
    ('private.handle_stripe_event(jsonb)', 'service_role', 'public.handle_stripe_event (stripe-webhook function)'),
    ('private.handle_razorpay_event(text,jsonb)', 'service_role', 'public.handle_razorpay_event (razorpay-webhook function)'),
    ('private.confirm_razorpay_payment(uuid,jsonb)', 'service_role', 'public.confirm_razorpay_payment (verify-razorpay-payment function)'),
    ('private.claim_refunds(integer,interval,uuid[],payment_provider[])', 'service_role', 'public.claim_refunds (process-refunds function, the webhooks)'),
    ('private.record_refund_result(uuid,text,text,text)', 'service_role', 'public.record_refund_result (process-refunds function)'),
    ('private.enqueue_notification(uuid,uuid,uuid,notification_kind,jsonb,text,timestamp with time zone)', 'service_role', 'public.enqueue_notification'),
    ('private.claim_notifications(integer,interval,boolean)', 'service_role', 'public.claim_notifications (dispatch-notifications function)'),
    ('private.fall_back_to_sms(text,text,text)', 'service_role', 'public.fall_back_to_sms (twilio-webhook)'),
    ('private.whatsapp_template_variables_valid(text[])', 'authenticated,service_role', 'the check constraint of public.whatsapp_templates (writes by owners and admins)'),
    ('private.record_notification_result(uuid,text,text,text,text)', 'service_role', 'public.record_notification_result (dispatch-notifications function)'),
    ('private.record_delivery_status(text,text,text,text)', 'service_role', 'public.record_delivery_status (twilio-webhook, resend-webhook)'),
    ('private.record_opt_event(contact_channel,text,text,text,text,timestamp with time zone)', 'service_role', 'public.record_opt_out and public.record_opt_in (twilio-webhook, resend-webhook)'),
    ('private.record_auth_hook_call(text,text)', 'service_role', 'public.record_auth_hook_call (send-sms-hook, send-email-hook)'),
    -- bulk import: public.import_rows is security invoker and calls these as the caller
    ('private.normalise_contact_address(contact_channel,text)', 'authenticated', 'public.import_rows (phone numbers of imported patients); record_opt_event as service_role'),
    ('private.import_columns()', 'authenticated,service_role', 'public.import_rows (import-file function, supabase.rpc)'),
    ('private.import_formula_problem(text)', 'authenticated,service_role', 'public.import_rows via import_assert_value'),
    ('private.import_assert_value(text,text)', 'authenticated,service_role', 'public.import_rows'),
    ('private.import_value_problem(text,text)', 'authenticated,service_role', 'public.import_rows'),
    ('private.import_claim(text,uuid,integer,text)', 'authenticated,service_role', 'public.import_rows via the import_*_row functions'),
    ('private.import_refusal(text,text,text,text,text)', 'authenticated,service_role', 'public.import_rows via import_row'),
    ('private.import_row(text,uuid,integer,jsonb)', 'authenticated,service_role', 'public.import_rows and import_patient_rows'),
    ('private.import_boolean(text)', 'authenticated,service_role', 'public.import_rows via import_service_row and import_clinician_row'),
    ('private.import_patient_differs(patients,jsonb,text,text,text,uuid)', 'authenticated,service_role', 'public.import_rows via import_patient_row and import_patient_rows'),
    ('private.import_patient_row(uuid,integer,jsonb)', 'authenticated,service_role', 'public.import_rows via import_row'),
    ('private.import_patient_rows(uuid,jsonb)', 'authenticated,service_role', 'public.import_rows'),
    ('private.import_service_row(uuid,integer,jsonb)', 'authenticated,service_role', 'public.import_rows via import_row'),
    ('private.import_clinician_row(uuid,integer,jsonb)', 'authenticated,service_role', 'public.import_rows via import_row'),
    -- the booking core's public wrappers are security invoker and call these as the caller
    ('private.after_lock_conflict(integer,text)', 'authenticated,service_role', 'the retry policy of private.run_booking_rpc'),
    ('private.run_booking_rpc(text,jsonb)', 'authenticated,service_role', 'the retry tail of every public booking, status, series and waitlist wrapper'),
    ('private.change_appointment_status_for_api(uuid,appointment_status,text)', 'authenticated,service_role', 'public.cancel_appointment, confirm_appointment, mark_arrived and the other status wrappers'),
    ('private.change_waitlist_entry_for_api(text,uuid,uuid)', 'authenticated,service_role', 'public.accept_waitlist_offer, decline_waitlist_offer, leave_waitlist'),
    -- PostgREST runs its pre-request function as the request's role, for every request
    ('private.check_request()', 'anon,authenticated,service_role', 'PostgREST''s pre-request function (pgrst.db_pre_request), before every Data API request'),
    -- identity and self-registration
    ('private.check_own_contacts(uuid,text,text,boolean)', 'authenticated', 'the patients guard trigger (a patient''s self-registration and own contact changes)'),
    ('private.is_user_role(text)', 'authenticated,service_role', 'the patients guard trigger (the account-link rule); private.is_server_role'),
    ('private.claim_patient_record(uuid,date)', 'authenticated', 'public.claim_patient_record'),
    ('private.link_patient_account(uuid)', 'authenticated,service_role', 'public.link_patient_account'),
    ('private.record_otp_request(text,text,text)', 'service_role', 'public.record_otp_request (send-sms-hook, send-email-hook)')
  ) as g(function_signature, grantees, caller_path)
$$;
comment on function tests.private_function_grants() is
  'pgTAP data: every private function an API role may execute, the roles, and the caller path that needs it (all others: no API role).';

revoke execute on function tests.private_function_grants() from public;
