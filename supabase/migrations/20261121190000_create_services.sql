-- public.service_mode and public.services: what a tenant offers for booking (issue 4, catalogue).
--
-- A service carries everything slot search and booking need to know about an appointment of that
-- kind: its length and buffers, the booking policy (notice, horizon, alignment; null = the
-- tenant's default), the price and payment terms, in person or video, a resource type that must
-- be free too, and the cancellation / reschedule terms (null window = the tenant's default).
-- Which clinicians offer it: public.clinician_services (20261121190100). Rooms and equipment:
-- public.resources (20261121190200). Policies: 20261121190300.
--
-- Validation: private.validate_service() (BEFORE INSERT OR UPDATE) refuses bad rows with PT422,
-- a message naming the rule and a hint; the CHECK constraints below state the same rules again
-- as the last line of defence (they fire only if the trigger is bypassed). Domains (name,
-- currency) are checked while the value is read, before the trigger: 23514.

create type public.service_mode as enum ('in_person', 'video');
comment on type public.service_mode is
  'How an appointment of a service takes place: in_person at a centre, or video (the appointment gets a meeting link).';

create table public.services (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  name public.non_empty_text not null,
  description text null,
  duration_minutes integer not null,
  buffer_before_minutes integer not null default 0,
  buffer_after_minutes integer not null default 0,
  min_booking_notice interval null,
  max_booking_horizon interval null,
  slot_alignment_minutes integer not null default 15,
  price numeric(12, 2) not null default 0,
  currency public.currency_code not null,
  payment_required boolean not null default false,
  deposit_amount numeric(12, 2) null,
  mode public.service_mode not null default 'in_person',
  required_resource_type text null,
  cancellation_window interval null,
  cancellation_fee numeric(12, 2) not null default 0,
  reschedule_window interval null,
  reschedule_fee numeric(12, 2) not null default 0,
  is_public boolean not null default false,
  is_active boolean not null default true,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint services_pkey primary key (tenant_id, id),
  constraint services_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint services_description_length check (pg_catalog.char_length(description) <= 4000),
  constraint services_duration_minutes_range check (duration_minutes between 5 and 480),
  constraint services_buffer_before_minutes_range check (buffer_before_minutes between 0 and 240),
  constraint services_buffer_after_minutes_range check (buffer_after_minutes between 0 and 240),
  constraint services_min_booking_notice_range check (min_booking_notice >= interval '0' and min_booking_notice <= interval '30 days'),
  constraint services_max_booking_horizon_range check (max_booking_horizon >= interval '1 day' and max_booking_horizon <= interval '730 days'),
  constraint services_max_booking_horizon_after_notice check (max_booking_horizon > min_booking_notice),
  constraint services_slot_alignment_minutes_range check (slot_alignment_minutes between 5 and 240),
  constraint services_price_non_negative check (price >= 0),
  constraint services_price_with_payment_required check (not payment_required or price > 0),
  constraint services_deposit_amount_range check (deposit_amount > 0 and deposit_amount <= price),
  constraint services_deposit_amount_with_payment_required check (deposit_amount is null or payment_required),
  constraint services_required_resource_type_format check (required_resource_type ~ '^[a-z][a-z0-9_]{0,62}$'),
  constraint services_cancellation_window_range check (cancellation_window >= interval '0' and cancellation_window <= interval '30 days'),
  constraint services_cancellation_fee_range check (cancellation_fee >= 0 and cancellation_fee <= price),
  constraint services_reschedule_window_range check (reschedule_window >= interval '0' and reschedule_window <= interval '30 days'),
  constraint services_reschedule_fee_range check (reschedule_fee >= 0 and reschedule_fee <= price)
);
alter table public.services enable row level security;

comment on table public.services is
  'A kind of appointment a tenant offers (e.g. "Initial consultation, 30 min"): length, buffers, booking policy, price and payment terms, mode, required resource type, cancellation and reschedule terms. Public (directory, slot search for visitors) when is_public and is_active and the tenant is active. See docs/catalogue.md.';
comment on column public.services.tenant_id is 'Tenant offering the service.';
comment on column public.services.id is 'Service id (unique within the tenant).';
comment on column public.services.name is 'Name shown to patients, e.g. Initial consultation.';
comment on column public.services.description is 'What the patient should expect (at most 4000 characters).';
comment on column public.services.duration_minutes is 'Length of the appointment the patient sees, 5 to 480 minutes (a clinician may override it in clinician_services).';
comment on column public.services.buffer_before_minutes is 'Minutes the clinician (and resource) is also blocked before the appointment (set-up), 0 to 240. Not shown to patients; part of what the no-overlap constraints compare.';
comment on column public.services.buffer_after_minutes is 'Minutes the clinician (and resource) is also blocked after the appointment (notes, cleaning), 0 to 240.';
comment on column public.services.min_booking_notice is 'Patients may book only this long before the start (0 to 30 days); null = the tenant''s min_booking_notice.';
comment on column public.services.max_booking_horizon is 'Patients may book at most this far ahead (1 day to 2 years, beyond min_booking_notice when both are set); null = the tenant''s max_booking_horizon.';
comment on column public.services.slot_alignment_minutes is 'Offered start times are multiples of this many minutes from local midnight of the centre (5 to 240, default 15).';
comment on column public.services.price is 'Price of one appointment in currency, >= 0 (a clinician may override it in clinician_services).';
comment on column public.services.currency is 'ISO 4217 currency of price, deposit and fees; defaults to the tenant''s currency.';
comment on column public.services.payment_required is 'True when booking needs a payment: the appointment is held (pending) until paid, for the tenant''s payment_hold_duration. Requires price > 0.';
comment on column public.services.deposit_amount is 'When payment is required: the amount to pay when booking (0 < deposit <= price); null = the full price.';
comment on column public.services.mode is 'in_person (at the centre) or video (the appointment gets a meeting link).';
comment on column public.services.required_resource_type is 'A resources.resource_type (e.g. ultrasound) of which one active resource at the centre must be free too and is booked with the appointment; null = none needed.';
comment on column public.services.cancellation_window is 'Patients cancel free of charge until this long before the start (0 to 30 days); null = the tenant''s cancellation_window.';
comment on column public.services.cancellation_fee is 'Fee for a patient cancellation inside the cancellation window, 0 to price (default 0).';
comment on column public.services.reschedule_window is 'Patients may reschedule themselves until this long before the start (0 to 30 days); null = the tenant''s cancellation_window.';
comment on column public.services.reschedule_fee is 'Fee for a reschedule inside the reschedule window when staff allow it, 0 to price (default 0).';
comment on column public.services.is_public is 'True when the service is listed in the public directory and bookable by patients (new services start unlisted).';
comment on column public.services.is_active is 'False when the service is retired: not listed and not bookable; kept for history.';
comment on column public.services.created_at is 'When the service was created.';
comment on column public.services.updated_at is 'When the service was last changed (maintained by trigger).';
comment on constraint services_tenant_id_fkey on public.services is 'A service belongs to a tenant; a tenant with services cannot be deleted.';
comment on constraint services_description_length on public.services is 'A description is at most 4000 characters.';
comment on constraint services_duration_minutes_range on public.services is 'Appointments last 5 minutes to 8 hours.';
comment on constraint services_buffer_before_minutes_range on public.services is 'Buffers are 0 to 240 minutes.';
comment on constraint services_buffer_after_minutes_range on public.services is 'Buffers are 0 to 240 minutes.';
comment on constraint services_min_booking_notice_range on public.services is 'Minimum notice is between 0 and 30 days (as for tenants).';
comment on constraint services_max_booking_horizon_range on public.services is 'Booking horizon is between 1 day and 2 years (as for tenants).';
comment on constraint services_max_booking_horizon_after_notice on public.services is 'When both are set, the horizon reaches beyond the notice.';
comment on constraint services_slot_alignment_minutes_range on public.services is 'Slots align to 5 to 240 minutes.';
comment on constraint services_price_non_negative on public.services is 'Prices are zero or positive.';
comment on constraint services_price_with_payment_required on public.services is 'A service that requires payment has a price above zero.';
comment on constraint services_deposit_amount_range on public.services is 'A deposit is above zero and at most the price.';
comment on constraint services_deposit_amount_with_payment_required on public.services is 'A deposit only makes sense when payment is required.';
comment on constraint services_required_resource_type_format on public.services is 'Resource types are lower-case identifiers: a letter, then letters, digits or underscores (at most 63).';
comment on constraint services_cancellation_window_range on public.services is 'Cancellation window is between 0 and 30 days.';
comment on constraint services_cancellation_fee_range on public.services is 'A cancellation fee is between 0 and the price.';
comment on constraint services_reschedule_window_range on public.services is 'Reschedule window is between 0 and 30 days.';
comment on constraint services_reschedule_fee_range on public.services is 'A reschedule fee is between 0 and the price.';

create index services_tenant_id_public_idx on public.services (tenant_id) where is_public and is_active;
comment on index public.services_tenant_id_public_idx is 'Serves the public select policies (public, active services of a tenant).';

create function private.validate_service()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.services: fills currency from the tenant when
 * left out, then checks every rule of a service and refuses a bad row with PT422, a message
 * naming the field and a hint saying what is accepted. The CHECK constraints of the table state
 * the same rules (defence in depth); this trigger gives the API a readable error first.
 * Also refuses (PT422) making a service payment-required, or raising its deposit, when a
 * clinician's price_override (public.clinician_services) would then be 0 or below the deposit.
 * Runs as the writing role: reads public.tenants and public.clinician_services through RLS
 * (staff who may write a service can read both).
 *
 * Returns: the (possibly completed) new row.
 */
declare
  v_price_floor numeric(12, 2);
begin
  if new.currency is null then
    select t.currency into new.currency from public.tenants as t where t.id = new.tenant_id;
  end if;
  if new.duration_minutes is null or new.duration_minutes not between 5 and 480 then
    raise exception using errcode = 'PT422', message = 'duration_minutes must be between 5 and 480',
      hint = 'Give the length of the appointment in whole minutes, e.g. 30.';
  end if;
  if new.buffer_before_minutes not between 0 and 240 or new.buffer_after_minutes not between 0 and 240 then
    raise exception using errcode = 'PT422', message = 'buffer_before_minutes and buffer_after_minutes must be between 0 and 240',
      hint = 'Buffers are whole minutes blocked before/after the appointment; use 0 for none.';
  end if;
  if new.slot_alignment_minutes not between 5 and 240 then
    raise exception using errcode = 'PT422', message = 'slot_alignment_minutes must be between 5 and 240',
      hint = 'Slots start on multiples of this many minutes from local midnight, e.g. 15.';
  end if;
  if new.min_booking_notice < interval '0' or new.min_booking_notice > interval '30 days' then
    raise exception using errcode = 'PT422', message = 'min_booking_notice must be between 0 and 30 days',
      hint = 'Use null to follow the tenant''s booking policy.';
  end if;
  if new.max_booking_horizon < interval '1 day' or new.max_booking_horizon > interval '730 days' then
    raise exception using errcode = 'PT422', message = 'max_booking_horizon must be between 1 day and 730 days',
      hint = 'Use null to follow the tenant''s booking policy.';
  end if;
  if new.max_booking_horizon <= new.min_booking_notice then
    raise exception using errcode = 'PT422', message = 'max_booking_horizon must be longer than min_booking_notice',
      hint = 'Otherwise no time could ever be booked.';
  end if;
  if new.price is null or new.price < 0 then
    raise exception using errcode = 'PT422', message = 'price must be zero or positive',
      hint = 'Give the price in the service''s currency, e.g. 80.00.';
  end if;
  if new.payment_required and new.price = 0 then
    raise exception using errcode = 'PT422', message = 'a service that requires payment must have a price above zero',
      hint = 'Set a price, or set payment_required to false.';
  end if;
  if new.deposit_amount is not null and not new.payment_required then
    raise exception using errcode = 'PT422', message = 'deposit_amount is only allowed when payment_required is true',
      hint = 'Set payment_required to true, or deposit_amount to null.';
  end if;
  if new.deposit_amount <= 0 or new.deposit_amount > new.price then
    raise exception using errcode = 'PT422', message = 'deposit_amount must be above zero and at most the price',
      hint = 'Use null to take the full price when booking.';
  end if;
  if new.required_resource_type !~ '^[a-z][a-z0-9_]{0,62}$' then
    raise exception using errcode = 'PT422', message = 'required_resource_type is not a valid resource type',
      hint = 'Use the lower-case resource_type of the resources, e.g. ultrasound or consulting_room; null when none is needed.';
  end if;
  if new.cancellation_window < interval '0' or new.cancellation_window > interval '30 days'
     or new.reschedule_window < interval '0' or new.reschedule_window > interval '30 days' then
    raise exception using errcode = 'PT422', message = 'cancellation_window and reschedule_window must be between 0 and 30 days',
      hint = 'Use null to follow the tenant''s cancellation window.';
  end if;
  if new.cancellation_fee is null or new.cancellation_fee < 0 or new.cancellation_fee > new.price
     or new.reschedule_fee is null or new.reschedule_fee < 0 or new.reschedule_fee > new.price then
    raise exception using errcode = 'PT422', message = 'cancellation_fee and reschedule_fee must be between 0 and the price',
      hint = 'A fee is charged instead of (part of) the price; use 0 for none.';
  end if;
  if tg_op = 'UPDATE' and new.payment_required then
    v_price_floor := coalesce(new.deposit_amount, 0.01);
    if exists (
      select 1 from public.clinician_services as cs
      where cs.tenant_id = new.tenant_id and cs.service_id = new.id and cs.price_override < v_price_floor
    ) then
      raise exception using errcode = 'PT422', message = 'a clinician''s price_override for this service is below what payment requires',
        hint = 'With payment required every price_override must be above zero and at least the deposit; change those clinician_services rows first.';
    end if;
  end if;
  return new;
end
$$;
comment on function private.validate_service() is
  'Trigger function on services: fills currency from the tenant, then refuses invalid durations, buffers, alignment, booking policy, price, deposit, resource type, windows and fees with PT422 + hint.';
revoke execute on function private.validate_service() from public, anon, authenticated, service_role;

create trigger validate before insert or update on public.services
  for each row execute function private.validate_service();
comment on trigger validate on public.services is 'Fills the currency from the tenant and refuses invalid services (PT422 with a hint).';

create trigger set_updated_at before update on public.services
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.services is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.services
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.services is 'Records every change of a service''s terms (prices, fees, policy windows) in public.audit_log.';

-- public.services: grants. Everything a service says is public when the service is (RLS).
revoke all on table public.services from anon, authenticated, service_role;
grant select on table public.services to anon, authenticated;
grant insert (tenant_id, id, name, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
              min_booking_notice, max_booking_horizon, slot_alignment_minutes, price, currency, payment_required,
              deposit_amount, mode, required_resource_type, cancellation_window, cancellation_fee,
              reschedule_window, reschedule_fee, is_public, is_active)
  on table public.services to authenticated;
grant update (name, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
              min_booking_notice, max_booking_horizon, slot_alignment_minutes, price, currency, payment_required,
              deposit_amount, mode, required_resource_type, cancellation_window, cancellation_fee,
              reschedule_window, reschedule_fee, is_public, is_active)
  on table public.services to authenticated;
grant delete on table public.services to authenticated;
grant select, insert, update, delete on table public.services to service_role;
