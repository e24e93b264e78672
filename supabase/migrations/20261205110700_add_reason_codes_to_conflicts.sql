-- Reason codes (docs/errors.md) on the PT409 refusals outside the booking core: the SQLSTATE
-- keeps choosing the HTTP status (PT409 -> 409), and the detail (PostgREST `details`) carries a
-- stable snake_case code an app can branch on; message and hint stay text to show.
--
--   create_tenant               slug_taken
--   invitations (trigger)       status_conflict (already accepted or revoked)
--   member_roles (trigger)      last_owner
--   patients (trigger)          already_registered: a second self-registration with a clinic is
--                               PT409, no longer the unique violation 23505
--   open_payment                status_conflict, hold_expired, nothing_to_pay, payment_in_progress;
--                               its "find, check the caller, lock" preamble is
--                               private.appointment_for_change, as for the other appointment RPCs
--   attach_stripe_payment,
--   record_refund_result        provider_object_conflict
--   request_refund              status_conflict
-- Nothing else changes: same messages, hints and checks.

create or replace function private.create_tenant(name text, slug text, timezone text, currency text, locale text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Creates a tenant owned by the caller (auth.uid()): the tenant row, a membership named after
 * the caller (user_metadata full_name, else e-mail, else phone; only a label, editable later),
 * and a tenant-wide owner role.
 *
 * security definer: API roles have no INSERT on tenants, and the caller is not yet a member of
 * the new tenant, so the members/member_roles policies would refuse them. It acts only for
 * auth.uid() and validates every argument.
 *
 * Parameters: name, slug, timezone, currency, locale - see public.create_tenant.
 * Returns:    the new tenant id.
 */
declare
  v_uid uuid := (select auth.uid());
  v_name public.non_empty_text;
  v_slug public.slug;
  v_timezone public.iana_timezone;
  v_currency public.currency_code;
  v_locale public.language_tag;
  v_display_name text;
  v_tenant_id uuid;
  v_member_id uuid;
begin
  if v_uid is null then
    raise exception using
      errcode = 'PT403',
      message = 'only a signed-in user can create a tenant',
      hint = 'Sign in first; the new tenant is owned by the signed-in user.';
  end if;

  begin
    v_name := pg_catalog.btrim(create_tenant.name);
  exception when check_violation or not_null_violation then
    raise exception using errcode = '22023', message = 'name is not valid',
      hint = 'Give the clinic a name of 1 to 500 characters.';
  end;
  if v_name is null then
    raise exception using errcode = '22023', message = 'name is required',
      hint = 'Give the clinic a name of 1 to 500 characters.';
  end if;
  begin
    v_slug := create_tenant.slug;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'slug is not valid',
      hint = 'Use 2 to 63 lower-case letters, digits and single hyphens, e.g. northside-health.';
  end;
  begin
    v_timezone := create_tenant.timezone;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'timezone is not valid',
      hint = 'Use an IANA time zone name, e.g. Europe/London or America/New_York.';
  end;
  begin
    v_currency := create_tenant.currency;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'currency is not valid',
      hint = 'Use an ISO 4217 code in capitals, e.g. GBP, USD, EUR.';
  end;
  begin
    v_locale := create_tenant.locale;
  exception when check_violation then
    raise exception using errcode = '22023', message = 'locale is not valid',
      hint = 'Use a BCP 47 language tag, e.g. en-GB or en-US.';
  end;
  if v_slug is null or v_timezone is null or v_currency is null or v_locale is null then
    raise exception using errcode = '22023', message = 'slug, timezone, currency and locale are required',
      hint = 'Pass all five arguments: name, slug, timezone, currency, locale.';
  end if;

  if exists (select 1 from public.tenants as t where t.slug = v_slug) then
    raise exception using errcode = 'PT409', message = 'this slug is already taken',
      detail = 'slug_taken',
      hint = 'Choose another slug for the clinic''s address.';
  end if;

  select coalesce(
           nullif(pg_catalog.left(pg_catalog.btrim(u.raw_user_meta_data ->> 'full_name'), 500), ''),
           u.email,
           '+' || u.phone,
           'Owner')
    into v_display_name
  from auth.users as u
  where u.id = v_uid;
  if v_display_name is null then
    raise exception using errcode = 'PT403', message = 'the signed-in user does not exist',
      hint = 'Sign in again.';
  end if;

  insert into public.tenants (name, slug, timezone, currency, locale)
  values (v_name, v_slug, v_timezone, v_currency, v_locale)
  returning id into v_tenant_id;

  insert into public.members (tenant_id, user_id, display_name)
  values (v_tenant_id, v_uid, v_display_name)
  returning id into v_member_id;

  insert into public.member_roles (tenant_id, member_id, role, centre_id, granted_by)
  values (v_tenant_id, v_member_id, 'owner', null, v_uid);

  return v_tenant_id;
exception
  when unique_violation then
    raise exception using errcode = 'PT409', message = 'this slug is already taken',
      detail = 'slug_taken',
      hint = 'Choose another slug for the clinic''s address.';
end
$$;
comment on function private.create_tenant(text, text, text, text, text) is
  'Implementation of public.create_tenant (security definer: API roles cannot insert tenants, and the caller is not yet a member of the new tenant). Creates tenant, membership and owner role for auth.uid(); validates arguments (22023), slug taken (PT409 slug_taken).';


create or replace function private.guard_invitation_change()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.invitations, for requests made by a signed-in
 * user (auth.uid() not null; service_role and the sign-in trigger are not restricted):
 *   insert: invited_by is the requesting user; the invitation starts pending.
 *   update: the only change allowed is revoking a pending invitation; revoked_at is stamped
 *           with now(). Revoking an accepted or already revoked invitation raises PT409.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.invited_by := v_uid;
    new.accepted_at := null;
    new.accepted_user_id := null;
    new.revoked_at := null;
    return new;
  end if;
  if old.accepted_at is not null then
    raise exception using
      errcode = 'PT409',
      message = 'this invitation was already accepted',
      detail = 'status_conflict',
      hint = 'To remove the access it gave, delete the member''s role or deactivate the member.';
  end if;
  if old.revoked_at is not null then
    raise exception using
      errcode = 'PT409',
      message = 'this invitation was already revoked',
      detail = 'status_conflict',
      hint = 'Send a new invitation instead.';
  end if;
  if new.revoked_at is null then
    raise exception using
      errcode = 'PT422',
      message = 'the only change allowed to an invitation is revoking it',
      hint = 'Set revoked_at (any value; it is stamped with the current time).';
  end if;
  new.revoked_at := pg_catalog.now();
  return new;
end
$$;
comment on function private.guard_invitation_change() is
  'Trigger function on invitations: for signed-in users, invited_by is the caller and the only update is revoking a pending invitation (PT409 status_conflict when accepted or revoked already).';


create or replace function private.keep_one_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER DELETE row trigger on public.member_roles: refuses (PT409) removing the last owner role
 * held by an active member of a tenant, so that every tenant keeps someone who can manage it.
 * This includes deleting that owner's membership or auth user (the cascade reaches this row):
 * ownership is transferred first.
 *
 * security definer: it must count every owner of the tenant, including rows the caller's RLS
 * would hide; it reads only public.members and public.member_roles.
 *
 * Returns: null (AFTER trigger).
 */
begin
  if old.role <> 'owner' or old.centre_id is not null then
    return null;
  end if;
  if not exists (
    select 1
    from public.member_roles as r
    join public.members as m on m.tenant_id = r.tenant_id and m.id = r.member_id
    where r.tenant_id = old.tenant_id
      and r.role = 'owner'
      and r.centre_id is null
      and m.is_active
  ) then
    raise exception using
      errcode = 'PT409',
      message = 'a tenant must keep at least one owner',
      detail = 'last_owner',
      hint = 'Grant the owner role to another active member first.';
  end if;
  return null;
end
$$;
comment on function private.keep_one_owner() is
  'Trigger function on member_roles (security definer, to see every owner of the tenant regardless of the caller''s RLS): refuses removing the last owner role of a tenant (PT409 last_owner).';


create or replace function private.guard_patient_row()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.patients:
 *   * date_of_birth must not be in the future (PT422; a CHECK cannot use the current date);
 *   * on insert by a signed-in user, created_by is that user;
 *   * a user registers themself once per tenant: a second self-registration is PT409
 *     already_registered (checked under a lock on the tenant and user, so two registrations
 *     at once get it too, not the unique violation 23505). Inserts for other users are left to
 *     row-level security.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if new.date_of_birth > current_date then
    raise exception using
      errcode = 'PT422',
      message = 'date of birth is in the future',
      hint = 'Check the date (format YYYY-MM-DD).';
  end if;
  if tg_op = 'INSERT' and v_uid is not null then
    new.created_by := v_uid;
  end if;
  if tg_op = 'INSERT' and new.user_id = v_uid then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'slotbase.patients.user:' || new.tenant_id::text || ':' || new.user_id::text, 0));
    if exists (select 1 from public.patients as p where p.tenant_id = new.tenant_id and p.user_id = new.user_id) then
      raise exception using
        errcode = 'PT409',
        message = 'you are already registered with this clinic',
        detail = 'already_registered',
        hint = 'Use the patient record you have with this clinic instead of registering again.';
    end if;
  end if;
  return new;
end
$$;
comment on function private.guard_patient_row() is
  'Trigger function on patients: refuses a date of birth in the future (PT422) and a second self-registration in a tenant (PT409 already_registered); created_by is the requesting user.';


create or replace function private.open_payment(p_appointment_id uuid, p_flow public.payment_flow)
returns public.opened_payment
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.open_payment (see there). security definer: a patient may not insert
 * payments, nor read the clinician's price. Locks the appointment (private.appointment_for_change),
 * so concurrent calls for it queue and the second one reuses the payment the first one opened.
 * Refusals: PT409 status_conflict (cancelled, already booked), hold_expired, nothing_to_pay,
 * payment_in_progress (another flow's payment is open).
 *
 * Returns: one row, the payment plus what the Stripe call needs.
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_caller text;
  v_price record;
  v_payment public.payments;
  v_attempt integer;
  v_account text;
  v_description text;
  v_email text;
  v_result public.opened_payment;
begin
  if p_appointment_id is null or p_flow is null then
    raise exception using errcode = '22023', message = 'appointment_id and flow are required',
      hint = 'Pass the appointment to pay for and the flow: payment_intent or checkout.';
  end if;
  v_change := private.appointment_for_change(p_appointment_id, 'row');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not take a payment for this appointment',
      hint = 'The patient pays in the app, or the clinic''s front desk takes the payment.';
  end if;
  if v_appointment.status in ('cancelled', 'entered_in_error') then
    raise exception using errcode = 'PT409', message = 'this appointment was cancelled',
      detail = 'status_conflict',
      hint = 'Search for available times again and book a new appointment.';
  end if;
  if v_appointment.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this appointment is already booked',
      detail = 'status_conflict',
      hint = 'Nothing is left to pay online for it; reload the appointment.';
  end if;
  if v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      detail = 'hold_expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;

  select p.* into v_price
  from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  if not coalesce(v_price.payment_required, false) or coalesce(v_price.amount, 0) <= 0 then
    raise exception using errcode = 'PT409', message = 'there is nothing to pay for this appointment',
      detail = 'nothing_to_pay',
      hint = 'The service is not paid online; the clinic confirms the booking.';
  end if;

  select p.* into v_payment
  from public.payments as p
  where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id
    and p.status in ('requires_payment', 'processing')
  for update;
  if found then
    if v_payment.flow <> p_flow then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a %s payment is already open for this appointment', v_payment.flow),
        detail = 'payment_in_progress',
        hint = pg_catalog.format('Finish that payment (flow %s), or wait until the hold expires.', v_payment.flow);
    end if;
  else
    select coalesce(max(p.attempt), 0) + 1 into v_attempt
    from public.payments as p
    where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id;
    select s.stripe_account_id into v_account
    from public.tenant_payment_settings as s where s.tenant_id = v_appointment.tenant_id;
    insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor,
                                 status, attempt, idempotency_key, stripe_account_id)
    values (v_appointment.tenant_id, v_appointment.id, v_appointment.patient_id, p_flow, v_price.kind, v_price.amount,
            v_price.currency, private.to_minor_units(v_price.amount, v_price.currency), 'requires_payment', v_attempt,
            'payment:' || v_appointment.id::text || ':' || v_attempt::text, v_account)
    returning * into v_payment;
  end if;

  select pg_catalog.format('%s, %s (%s)', s.name,
                           pg_catalog.to_char(v_appointment.starts_at at time zone c.timezone, 'Dy DD Mon YYYY, HH24:MI'),
                           c.timezone),
         pt.email::text
    into v_description, v_email
  from public.services as s
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = v_appointment.centre_id
  left join public.patients as pt on pt.tenant_id = s.tenant_id and pt.id = v_appointment.patient_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  select
    v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, v_payment.flow, v_payment.kind,
    v_payment.amount::numeric, v_payment.currency, v_payment.amount_minor, v_payment.status, v_payment.attempt,
    v_payment.idempotency_key, v_payment.stripe_account_id, v_payment.stripe_payment_intent_id,
    v_payment.stripe_checkout_session_id, v_payment.checkout_url, v_payment.receipt_url,
    v_payment.amount_refunded::numeric, v_payment.failure_message, v_payment.succeeded_at, v_payment.created_at,
    v_payment.updated_at,
    v_description, v_email, v_appointment.hold_expires_at,
    pg_catalog.jsonb_build_object('tenant_id', v_payment.tenant_id::text, 'appointment_id', v_payment.appointment_id::text,
                                  'payment_id', v_payment.id::text)
    into v_result;
  return v_result;
end
$$;
comment on function private.open_payment(uuid, public.payment_flow) is
  'Implementation of public.open_payment (security definer: patients cannot insert payments or read clinician prices). Locks the appointment, checks caller and state, reuses the open payment of the same flow or opens a new attempt with the amount from the database.';


create or replace function private.attach_stripe_payment(
  p_payment_id uuid, p_payment_intent_id text, p_checkout_session_id text, p_checkout_url text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.attach_stripe_payment (see there).
 * Returns: the payment id.
 */
declare
  v_payment public.payments;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the id open_payment returned.';
  end if;
  if p_payment_intent_id is null and p_checkout_session_id is null and p_checkout_url is null then
    raise exception using errcode = '22023', message = 'nothing to attach',
      hint = 'Pass the PaymentIntent id (pi_...) or the Checkout Session id (cs_...) and its URL.';
  end if;
  if p_payment_intent_id !~ '^pi_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'payment_intent_id is not a Stripe PaymentIntent id',
      hint = 'PaymentIntent ids look like pi_...';
  end if;
  if p_checkout_session_id !~ '^cs_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'checkout_session_id is not a Stripe Checkout Session id',
      hint = 'Checkout Session ids look like cs_...';
  end if;
  if p_checkout_url !~ '^https?://' or pg_catalog.char_length(p_checkout_url) > 4096 then
    raise exception using errcode = '22023', message = 'checkout_url is not an http(s) URL',
      hint = 'Pass the url of the Checkout Session.';
  end if;

  select p.* into v_payment from public.payments as p where p.id = p_payment_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'payment not found', hint = 'Pass the id open_payment returned.';
  end if;
  if v_payment.flow = 'payment_intent' and (p_checkout_session_id is not null or p_checkout_url is not null) then
    raise exception using errcode = '22023', message = 'a payment_intent payment has no Checkout Session',
      hint = 'Attach only the PaymentIntent id to a payment_intent payment.';
  end if;
  if (p_payment_intent_id is not null and v_payment.stripe_payment_intent_id <> p_payment_intent_id)
     or (p_checkout_session_id is not null and v_payment.stripe_checkout_session_id <> p_checkout_session_id)
     or (p_checkout_url is not null and v_payment.checkout_url <> p_checkout_url) then
    raise exception using errcode = 'PT409', message = 'this payment is already attached to other Stripe objects',
      detail = 'provider_object_conflict',
      hint = 'Create Stripe objects with the payment''s idempotency_key, so a retry returns the same object.';
  end if;

  begin
    update public.payments as p
       set stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, p_payment_intent_id),
           stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, p_checkout_session_id),
           checkout_url = coalesce(p.checkout_url, p_checkout_url)
     where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id
       and (p.stripe_payment_intent_id is distinct from coalesce(p.stripe_payment_intent_id, p_payment_intent_id)
            or p.stripe_checkout_session_id is distinct from coalesce(p.stripe_checkout_session_id, p_checkout_session_id)
            or p.checkout_url is distinct from coalesce(p.checkout_url, p_checkout_url));
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'that Stripe object belongs to another payment',
      detail = 'provider_object_conflict',
      hint = 'Create Stripe objects with the payment''s idempotency_key.';
  end;
  return v_payment.id;
end
$$;
comment on function private.attach_stripe_payment(uuid, text, text, text) is
  'Implementation of public.attach_stripe_payment (security definer, service_role only).';


create or replace function private.request_refund(p_payment_id uuid, p_amount numeric, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.request_refund (security definer: nobody but service_role inserts
 * refunds). Locks the payment so concurrent requests cannot refund more than was paid.
 *
 * Returns: the refund id.
 */
declare
  v_payment public.payments;
  v_server boolean := private.is_server_caller();
  v_refundable numeric;
  v_amount numeric;
  v_exponent integer;
  v_id uuid;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the payment to refund.';
  end if;
  if p_reason is null or pg_catalog.btrim(p_reason) = '' or pg_catalog.char_length(pg_catalog.btrim(p_reason)) > 500 then
    raise exception using errcode = '22023', message = 'reason is required (at most 500 characters)',
      hint = 'Say why the money goes back, e.g. "clinician ran late, goodwill refund".';
  end if;
  select p.* into v_payment from public.payments as p where p.id = p_payment_id for update;
  if not found or not (v_server
                       or v_payment.tenant_id in (select private.member_tenant_ids())
                       or (v_payment.tenant_id, v_payment.patient_id) in (
                            select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)) then
    raise exception using errcode = 'PT404', message = 'payment not found',
      hint = 'Check the id; you only see your own payments, or those of your clinic.';
  end if;
  if not (v_server or v_payment.tenant_id in (
            select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))) then
    raise exception using errcode = 'PT403', message = 'only owners, admins and managers may refund payments',
      hint = 'Ask an owner, admin or manager of the clinic.';
  end if;
  if v_payment.status <> 'succeeded' then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('a %s payment cannot be refunded', v_payment.status),
      detail = 'status_conflict',
      hint = 'Only succeeded payments can be refunded.';
  end if;
  v_exponent := private.currency_minor_unit_exponent(v_payment.currency);
  if p_amount is not null and (p_amount <= 0 or p_amount <> pg_catalog.trunc(p_amount, v_exponent)) then
    raise exception using errcode = '22023',
      message = pg_catalog.format('amount must be positive with at most %s decimals in %s', v_exponent, v_payment.currency),
      hint = 'Pass the amount to give back in the payment''s currency, or leave it out to refund everything left.';
  end if;
  v_refundable := private.refundable_amount(v_payment.tenant_id, v_payment.id);
  v_amount := coalesce(p_amount, v_refundable);
  if v_amount > v_refundable or v_amount <= 0 then
    raise exception using errcode = 'PT422', message = 'that is more than can still be refunded',
      detail = pg_catalog.format('At most %s %s of this payment can still be refunded.', pg_catalog.round(v_refundable, v_exponent), v_payment.currency),
      hint = 'Refund at most what was paid minus the refunds already made or on their way.';
  end if;
  v_id := private.insert_refund(v_payment, v_amount, 'staff', (select auth.uid()), pg_catalog.btrim(p_reason));
  perform private.kick_process_refunds();
  return v_id;
end
$$;
comment on function private.request_refund(uuid, numeric, text) is
  'Implementation of public.request_refund (security definer): checks caller (PT404/PT403), state (PT409 status_conflict) and amount (22023/PT422), inserts a staff refund and invokes process-refunds.';


create or replace function private.record_refund_result(p_refund_id uuid, p_stripe_refund_id text, p_status text, p_error text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.record_refund_result (security definer, service_role only).
 * Returns: the refund id.
 */
declare
  v_refund public.refunds;
begin
  if p_refund_id is null then
    raise exception using errcode = '22023', message = 'refund_id is required', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  if p_status is null or p_status not in ('succeeded', 'pending', 'failed', 'retry') then
    raise exception using errcode = '22023', message = 'status must be succeeded, pending, failed or retry',
      hint = 'succeeded / pending: what Stripe answered; failed: Stripe refused it; retry: no answer (network, 5xx, 429).';
  end if;
  if p_stripe_refund_id !~ '^(re|pyr)_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'stripe_refund_id is not a Stripe refund id',
      hint = 'Stripe refund ids look like re_...';
  end if;
  if p_status in ('succeeded', 'pending') and p_stripe_refund_id is null then
    raise exception using errcode = '22023', message = 'stripe_refund_id is required for succeeded and pending',
      hint = 'Pass the id of the refund Stripe created.';
  end if;
  select r.* into v_refund from public.refunds as r where r.id = p_refund_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'refund not found', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  if p_stripe_refund_id is not null and v_refund.stripe_refund_id <> p_stripe_refund_id then
    raise exception using errcode = 'PT409', message = 'this refund is already recorded with another Stripe refund',
      detail = 'provider_object_conflict',
      hint = 'Create Stripe refunds with the idempotency key refund:<id>, so a retry returns the same refund.';
  end if;

  begin
    update public.refunds as r
       set stripe_refund_id = coalesce(r.stripe_refund_id, p_stripe_refund_id),
           status = case
             when p_status = 'succeeded' and r.status in ('requested', 'processing', 'submitted') then 'succeeded'
             when p_status = 'pending' and r.status in ('requested', 'processing') then 'submitted'
             when p_status = 'failed' and r.status in ('requested', 'processing', 'submitted') then 'failed'
             when p_status = 'retry' and r.status = 'processing' then
               case when r.attempts >= 8 then 'failed' else 'requested' end
             else r.status end,
           next_attempt_at = case
             when p_status = 'retry' and r.status = 'processing' and r.attempts < 8
               then pg_catalog.now() + least(pg_catalog.make_interval(mins => (2 ^ least(greatest(r.attempts, 1) - 1, 10))::integer),
                                                        interval '1 hour')
             else r.next_attempt_at end,
           claimed_until = case
             when (p_status in ('succeeded', 'pending', 'failed') and r.status in ('requested', 'processing'))
                  or (p_status = 'retry' and r.status = 'processing') then null
             else r.claimed_until end,
           last_error = case
             when p_status = 'succeeded' and r.status in ('requested', 'processing', 'submitted') then null
             when p_status = 'failed' and r.status in ('requested', 'processing', 'submitted')
               then coalesce(pg_catalog.left(p_error, 1000), 'Stripe refused the refund.')
             when p_status = 'retry' and r.status = 'processing'
               then coalesce(pg_catalog.left(p_error, 1000), 'No answer from Stripe.')
                    || case when r.attempts >= 8 then ' (gave up after ' || r.attempts || ' attempts)' else '' end
             else r.last_error end
     where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'that Stripe refund belongs to another refund',
      detail = 'provider_object_conflict',
      hint = 'Create Stripe refunds with the idempotency key refund:<id>.';
  end;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return v_refund.id;
end
$$;
comment on function private.record_refund_result(uuid, text, text, text) is
  'Implementation of public.record_refund_result (security definer, service_role only): forward-only refund status, retry backoff, amount_refunded.';
