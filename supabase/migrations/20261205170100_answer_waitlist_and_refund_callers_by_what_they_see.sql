-- Two callers' relations follow least privilege, as the tables' policies do:
--   private.waitlist_caller    'viewer' (may see, may not change: PT403) only for staff who see the
--                              entry under waitlist_entries_select_authenticated: tenant-wide staff,
--                              staff of the entry's centre, the clinician it waits for. Other staff
--                              of the tenant get PT404, like strangers.
--   private.request_refund     PT404 for every caller who cannot see the payment under
--                              payments_select_authenticated (e.g. front desk of another centre),
--                              PT403 only for those who see it but may not refund; the refund
--                              right is the practice_manager_roles() role set.

create or replace function private.waitlist_caller(p_entry public.waitlist_entries)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * How the caller relates to a waitlist entry: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'patient' (its patient), 'viewer' (other staff who see it:
   * tenant-wide staff, staff holding a role at its centre, the clinician it waits for - they may
   * not change it), or null (may not even see it: PT404).
   * Example: select private.waitlist_caller(e) from public.waitlist_entries as e where e.id = '...';
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_entry.tenant_id and k.centre_id = p_entry.centre_id) then 'staff'
    when (p_entry.tenant_id, p_entry.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_entry.tenant_id in (select private.tenant_wide_staff_tenant_ids())
      or (p_entry.tenant_id, p_entry.centre_id) in (
           select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k)
      or (p_entry.tenant_id, p_entry.clinician_id) in (
           select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k) then 'viewer'
  end
$$;
comment on function private.waitlist_caller(public.waitlist_entries) is
  'The caller''s relation to a waitlist entry: server, staff (appointment staff at its centre), patient (its own), viewer (other staff who see it under the waitlist_entries policy: tenant-wide, at its centre, its clinician) or null.';

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
 * PT404 for callers who cannot see the payment (its policy: tenant-wide staff, staff of its
 * appointment's centre, its clinician, its patient); PT403 tenant_suspended in a suspended tenant;
 * PT403 for those who see it but hold no practice-manager role tenant-wide.
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
                       or v_payment.tenant_id in (select private.tenant_wide_staff_tenant_ids())
                       or (v_payment.tenant_id, v_payment.appointment_id) in (
                            select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
                       or (v_payment.tenant_id, v_payment.patient_id) in (
                            select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)) then
    raise exception using errcode = 'PT404', message = 'payment not found',
      hint = 'Check the id; you only see your own payments, or those of your clinic.';
  end if;
  if not v_server then
    perform private.assert_tenant_takes_changes(v_payment.tenant_id);
  end if;
  if not (v_server or v_payment.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))) then
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
  'Implementation of public.request_refund (security definer): checks caller (PT404 when the payment is not visible to them, PT403 tenant_suspended, PT403 without a practice-manager role), state (PT409 status_conflict) and amount (22023/PT422), inserts a staff refund and invokes process-refunds.';
