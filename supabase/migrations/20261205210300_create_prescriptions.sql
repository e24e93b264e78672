-- Prescriptions issued at a visit (docs/clinical.md): a prescription (patient, optional
-- appointment, prescriber, status) and its items (medicine, strength, dose, route, frequency,
-- duration, quantity, instructions). A clinician with the patient in their care writes one as
-- themself and adds its items while it is active; items never change afterwards (cancel and issue
-- a new one). The prescriber completes or cancels it; the patient reads their own. One call,
-- public.prescription_summary, returns everything a printed prescription shows.

create type public.prescription_status as enum ('active', 'cancelled', 'completed');
comment on type public.prescription_status is
  'Status of a prescription (FHIR MedicationRequest.status): active (issued, to be dispensed or taken), cancelled (withdrawn by the prescriber), completed (the course is over).';

create table public.prescriptions (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  appointment_id uuid null,
  prescriber_member_id uuid null,
  status public.prescription_status not null default 'active',
  note text null,
  issued_at timestamptz not null default pg_catalog.now(),
  status_changed_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint prescriptions_pkey primary key (tenant_id, id),
  constraint prescriptions_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint prescriptions_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete restrict,
  constraint prescriptions_tenant_id_prescriber_member_id_fkey foreign key (tenant_id, prescriber_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint prescriptions_note_length check (pg_catalog.char_length(note) <= 2000)
);
alter table public.prescriptions enable row level security;

comment on table public.prescriptions is
  'A prescription issued to a patient, usually at a visit: written by a clinician with the patient in their care, as themself; items in prescription_items. The prescriber completes or cancels it; the patient and clinicians in their care read it; public.prescription_summary renders it for printing. Never deleted.';
comment on column public.prescriptions.tenant_id is 'Tenant of the patient.';
comment on column public.prescriptions.id is 'Prescription id.';
comment on column public.prescriptions.patient_id is 'Who it is for; fixed once issued.';
comment on column public.prescriptions.appointment_id is 'The visit it was issued at (an appointment of the same patient), if any; fixed once issued.';
comment on column public.prescriptions.prescriber_member_id is 'The prescribing clinician (member): the caller (set by the database); null only for server-side rows.';
comment on column public.prescriptions.status is 'active, cancelled or completed; only an active prescription changes status, and only by its prescriber.';
comment on column public.prescriptions.note is 'Note to the patient or pharmacist (at most 2000 characters).';
comment on column public.prescriptions.issued_at is 'When it was issued (set by the database).';
comment on column public.prescriptions.status_changed_at is 'When it was cancelled or completed (set by the database).';
comment on column public.prescriptions.created_at is 'When the row was created.';
comment on column public.prescriptions.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint prescriptions_tenant_id_patient_id_fkey on public.prescriptions is 'Same-tenant patient; a patient with prescriptions is not deleted.';
comment on constraint prescriptions_tenant_id_appointment_id_fkey on public.prescriptions is 'Same-tenant appointment; an appointment with prescriptions is not deleted.';
comment on constraint prescriptions_tenant_id_prescriber_member_id_fkey on public.prescriptions is 'Same-tenant prescriber; deactivate rather than delete them.';
comment on constraint prescriptions_note_length on public.prescriptions is 'A note is at most 2000 characters.';

create index prescriptions_tenant_id_patient_id_idx on public.prescriptions (tenant_id, patient_id, issued_at desc);
comment on index public.prescriptions_tenant_id_patient_id_idx is 'Serves the patient foreign key and a patient''s prescriptions newest first.';
create index prescriptions_tenant_id_appointment_id_idx on public.prescriptions (tenant_id, appointment_id) where appointment_id is not null;
comment on index public.prescriptions_tenant_id_appointment_id_idx is 'Serves the appointment foreign key and "prescriptions of this visit".';
create index prescriptions_tenant_id_prescriber_member_id_idx on public.prescriptions (tenant_id, prescriber_member_id);
comment on index public.prescriptions_tenant_id_prescriber_member_id_idx is 'Serves the prescriber foreign key and the prescriber''s update policy.';

create table public.prescription_items (
  tenant_id uuid not null,
  prescription_id uuid not null,
  position smallint not null,
  medicine text not null,
  strength text null,
  dose text not null,
  route text null,
  frequency text not null,
  duration text null,
  quantity text null,
  instructions text null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint prescription_items_pkey primary key (tenant_id, prescription_id, position),
  constraint prescription_items_tenant_id_prescription_id_fkey foreign key (tenant_id, prescription_id) references public.prescriptions (tenant_id, id) on delete restrict,
  constraint prescription_items_position_range check (position between 1 and 50),
  constraint prescription_items_medicine_length check (pg_catalog.btrim(medicine) <> '' and pg_catalog.char_length(medicine) <= 200),
  constraint prescription_items_strength_length check (pg_catalog.char_length(strength) <= 100),
  constraint prescription_items_dose_length check (pg_catalog.btrim(dose) <> '' and pg_catalog.char_length(dose) <= 100),
  constraint prescription_items_route_length check (pg_catalog.char_length(route) <= 100),
  constraint prescription_items_frequency_length check (pg_catalog.btrim(frequency) <> '' and pg_catalog.char_length(frequency) <= 100),
  constraint prescription_items_duration_length check (pg_catalog.char_length(duration) <= 100),
  constraint prescription_items_quantity_length check (pg_catalog.char_length(quantity) <= 100),
  constraint prescription_items_instructions_length check (pg_catalog.char_length(instructions) <= 1000)
);
alter table public.prescription_items enable row level security;

comment on table public.prescription_items is
  'One medicine of a prescription, in print order. Added by the prescriber while the prescription is active; never changed or removed (cancel the prescription and issue a new one). Whoever reads the prescription reads its items.';
comment on column public.prescription_items.tenant_id is 'Tenant of the prescription.';
comment on column public.prescription_items.prescription_id is 'The prescription.';
comment on column public.prescription_items.position is 'Line number on the prescription, 1 to 50.';
comment on column public.prescription_items.medicine is 'Medicine name, e.g. Amoxicillin (at most 200 characters).';
comment on column public.prescription_items.strength is 'Strength and form, e.g. 500 mg capsule (at most 100 characters).';
comment on column public.prescription_items.dose is 'Amount per dose, e.g. 1 capsule (at most 100 characters).';
comment on column public.prescription_items.route is 'How it is taken, e.g. oral, topical (at most 100 characters).';
comment on column public.prescription_items.frequency is 'How often, e.g. three times a day (at most 100 characters).';
comment on column public.prescription_items.duration is 'For how long, e.g. 5 days (at most 100 characters).';
comment on column public.prescription_items.quantity is 'Amount to dispense, e.g. 15 capsules (at most 100 characters).';
comment on column public.prescription_items.instructions is 'Instructions for the patient, e.g. after food (at most 1000 characters).';
comment on column public.prescription_items.created_at is 'When the item was added.';
comment on constraint prescription_items_tenant_id_prescription_id_fkey on public.prescription_items is 'Same-tenant prescription.';
comment on constraint prescription_items_position_range on public.prescription_items is 'At most 50 lines, numbered from 1.';
comment on constraint prescription_items_medicine_length on public.prescription_items is 'A medicine is named, at most 200 characters.';
comment on constraint prescription_items_strength_length on public.prescription_items is 'At most 100 characters.';
comment on constraint prescription_items_dose_length on public.prescription_items is 'A dose is given, at most 100 characters.';
comment on constraint prescription_items_route_length on public.prescription_items is 'At most 100 characters.';
comment on constraint prescription_items_frequency_length on public.prescription_items is 'A frequency is given, at most 100 characters.';
comment on constraint prescription_items_duration_length on public.prescription_items is 'At most 100 characters.';
comment on constraint prescription_items_quantity_length on public.prescription_items is 'At most 100 characters.';
comment on constraint prescription_items_instructions_length on public.prescription_items is 'At most 1000 characters.';

create function private.guard_prescription()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.prescriptions:
 *   * insert: the appointment, when named, is the patient's (22023); for signed-in callers the
 *     prescriber is their clinical membership and the prescription is active and issued now;
 *   * update: only an active prescription changes status (to cancelled or completed), stamped with
 *     the time; anything else on a cancelled or completed one raises PT409 status_conflict.
 * Security definer: the visit is matched on keys only; the policies decide who writes.
 *
 * Returns: the new row.
 */
begin
  if tg_op = 'INSERT' then
    if new.appointment_id is not null
       and not exists (select 1 from private.appointment_patient_matches(new.tenant_id, new.appointment_id, new.patient_id)) then
      raise exception using
        errcode = '22023',
        message = 'the appointment is not one of this patient''s',
        hint = 'Issue the prescription at a visit of the same patient, or leave appointment_id empty.';
    end if;
    if (select auth.uid()) is not null then
      new.prescriber_member_id := private.clinical_member_id(new.tenant_id);
      new.status := 'active';
      new.issued_at := pg_catalog.now();
      new.status_changed_at := null;
    end if;
    return new;
  end if;
  if old.status <> 'active' and (to_jsonb(new) - 'updated_at') is distinct from (to_jsonb(old) - 'updated_at') then
    raise exception using
      errcode = 'PT409',
      message = pg_catalog.format('the prescription is %s', old.status),
      detail = 'status_conflict',
      hint = 'A cancelled or completed prescription does not change; issue a new one.';
  end if;
  if new.status is distinct from old.status then
    new.status_changed_at := pg_catalog.now();
  end if;
  return new;
end
$$;
comment on function private.guard_prescription() is
  'Trigger function on prescriptions: the visit is the patient''s (22023); the caller is the prescriber; only an active prescription changes (PT409 status_conflict).';
revoke execute on function private.guard_prescription() from public, anon, authenticated, service_role;

create trigger seal_closed_prescription before insert or update on public.prescriptions
  for each row execute function private.guard_prescription();
comment on trigger seal_closed_prescription on public.prescriptions is 'The visit is the patient''s; the prescriber is the caller; only active prescriptions change.';
create trigger set_updated_at before update on public.prescriptions
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.prescriptions is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, patient_id, appointment_id on public.prescriptions
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'appointment_id');
comment on trigger refuse_key_change on public.prescriptions is 'Keys, the patient and the visit never change (PT422); upserts may send them unchanged.';
create trigger audit_changes after insert or update or delete on public.prescriptions
  for each row execute function private.record_audit_event('tenant_id', 'note');
comment on trigger audit_changes on public.prescriptions is
  'Records every prescription issued, completed or cancelled in public.audit_log; the note is redacted there (value in audit_log_values).';
create trigger audit_changes after insert or update or delete on public.prescription_items
  for each row execute function private.record_audit_event('tenant_id', 'medicine', 'strength', 'dose', 'route', 'frequency', 'duration', 'quantity', 'instructions');
comment on trigger audit_changes on public.prescription_items is
  'Records every item added in public.audit_log; what was prescribed is redacted there (values in audit_log_values).';

create policy prescriptions_select_authenticated on public.prescriptions for select to authenticated
  using (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy prescriptions_select_authenticated on public.prescriptions is
  'Clinicians read the prescriptions of patients in their care (or opened by break-glass); the patient reads their own.';
create policy prescriptions_insert_authenticated on public.prescriptions for insert to authenticated
  with check (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, prescriber_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy prescriptions_insert_authenticated on public.prescriptions is
  'A clinician prescribes, as themself, for a patient in their care.';
create policy prescriptions_update_authenticated on public.prescriptions for update to authenticated
  using (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, prescriber_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, prescriber_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy prescriptions_update_authenticated on public.prescriptions is
  'The prescriber completes or cancels their prescription while the patient is in their care.';

create policy prescription_items_select_authenticated on public.prescription_items for select to authenticated
  using ((tenant_id, prescription_id) in (select p.tenant_id, p.id from public.prescriptions as p));
comment on policy prescription_items_select_authenticated on public.prescription_items is
  'Whoever reads the prescription reads its items (the prescriptions policy, evaluated as the caller, decides).';
create policy prescription_items_insert_authenticated on public.prescription_items for insert to authenticated
  with check (
    (tenant_id, prescription_id) in (
      select p.tenant_id, p.id from public.prescriptions as p
      join private.member_keys_of_current_user() as k on k.tenant_id = p.tenant_id and k.member_id = p.prescriber_member_id
      where p.status = 'active')
  );
comment on policy prescription_items_insert_authenticated on public.prescription_items is
  'The prescriber adds items to their active prescription.';

revoke all on table public.prescriptions from anon, authenticated, service_role;
grant select on table public.prescriptions to authenticated;
grant insert (tenant_id, id, patient_id, appointment_id, note, status), update (tenant_id, id, patient_id, appointment_id, note, status)
  on table public.prescriptions to authenticated;
grant select, insert, update on table public.prescriptions to service_role;

revoke all on table public.prescription_items from anon, authenticated, service_role;
grant select on table public.prescription_items to authenticated;
grant insert (tenant_id, prescription_id, position, medicine, strength, dose, route, frequency, duration, quantity, instructions)
  on table public.prescription_items to authenticated;
grant select, insert on table public.prescription_items to service_role;

-- ---------------------------------------------------------------------------------------------
-- The printable summary
-- ---------------------------------------------------------------------------------------------
create function private.prescription_summary(p_tenant_id uuid, p_prescription_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Everything a printed prescription shows, for a prescription the CALLER has already been
   * shown (public.prescription_summary checks that first): the clinic, the centre of the visit,
   * the prescriber's name and qualifications, the patient's name and date of birth, the date of
   * issue in the tenant's time zone, the items with one printable line each, the note, and the
   * whole as plain text lines (the address line only when the centre has one). Security definer so a patient sees their prescriber's name without
   * reading staff records.
   *
   * Parameters: p_tenant_id, p_prescription_id  the prescription.
   * Returns: one jsonb object (null if it does not exist).
   */
  with p as (
    select p.*, t.name as clinic_name, t.timezone as tenant_timezone,
           ce.name as centre_name,
           nullif(pg_catalog.concat_ws(', ', ce.address_line1, ce.address_line2, ce.city, ce.postal_code), '') as centre_address,
           coalesce(cl.display_name, m.display_name) as prescriber_name,
           coalesce(cl.qualifications::text[], '{}') as prescriber_qualifications,
           pa.full_name as patient_name, pa.date_of_birth as patient_date_of_birth
    from public.prescriptions as p
    join public.tenants as t on t.id = p.tenant_id
    join public.patients as pa on pa.tenant_id = p.tenant_id and pa.id = p.patient_id
    left join public.appointments as a on a.tenant_id = p.tenant_id and a.id = p.appointment_id
    left join public.centres as ce on ce.tenant_id = a.tenant_id and ce.id = a.centre_id
    left join public.members as m on m.tenant_id = p.tenant_id and m.id = p.prescriber_member_id
    left join public.clinician_members as cm on cm.tenant_id = p.tenant_id and cm.member_id = p.prescriber_member_id
    left join public.clinicians as cl on cl.tenant_id = cm.tenant_id and cl.id = cm.clinician_id
    where p.tenant_id = p_tenant_id and p.id = p_prescription_id
  ),
  items as (
    select i.*, pg_catalog.concat_ws(', ',
             pg_catalog.concat_ws(' ', i.medicine, i.strength),
             pg_catalog.concat_ws(' ', i.dose, i.route), i.frequency,
             case when i.duration is not null then 'for ' || i.duration end,
             case when i.quantity is not null then 'dispense ' || i.quantity end,
             i.instructions) as line
    from public.prescription_items as i
    where i.tenant_id = p_tenant_id and i.prescription_id = p_prescription_id
  )
  select pg_catalog.jsonb_build_object(
    'prescription_id', p.id,
    'status', p.status,
    'issued_at', p.issued_at,
    'issued_on', (p.issued_at at time zone p.tenant_timezone)::date,
    'clinic', pg_catalog.jsonb_build_object('name', p.clinic_name, 'centre', p.centre_name, 'address', p.centre_address),
    'prescriber', pg_catalog.jsonb_build_object('name', p.prescriber_name, 'qualifications', pg_catalog.to_jsonb(p.prescriber_qualifications)),
    'patient', pg_catalog.jsonb_build_object('name', p.patient_name, 'date_of_birth', p.patient_date_of_birth),
    'items', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                         'position', i.position, 'medicine', i.medicine, 'strength', i.strength, 'dose', i.dose,
                         'route', i.route, 'frequency', i.frequency, 'duration', i.duration, 'quantity', i.quantity,
                         'instructions', i.instructions, 'line', i.line) order by i.position) from items as i), '[]'),
    'note', p.note,
    'text', pg_catalog.array_to_string(
      array[p.clinic_name || coalesce(' - ' || p.centre_name, ''),
            p.centre_address,
            'Prescription ' || p.id::text || ' issued ' || (p.issued_at at time zone p.tenant_timezone)::date::text
              || case when p.status <> 'active' then ' (' || upper(p.status::text) || ')' else '' end,
            'Patient: ' || p.patient_name || coalesce(', born ' || p.patient_date_of_birth::text, ''),
            'Prescriber: ' || coalesce(p.prescriber_name, '-')
              || coalesce(nullif(', ' || pg_catalog.array_to_string(p.prescriber_qualifications, ', '), ', '), '')]
      || coalesce((select pg_catalog.array_agg(i.position::text || '. ' || i.line order by i.position) from items as i), '{}')
      || coalesce(array['Note: ' || p.note], '{}'),
      pg_catalog.chr(10)))
  from p
$$;
comment on function private.prescription_summary(uuid, uuid) is
  'Prescriptions: the printable summary of a prescription (clinic, prescriber, patient, items with a line each, plain text). Security definer; called by public.prescription_summary after its visibility check.';
revoke execute on function private.prescription_summary(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.prescription_summary(uuid, uuid) to authenticated, service_role;

create function public.prescription_summary(tenant_id uuid, prescription_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The printable summary of a prescription the caller may read (the patient, clinicians with the
 * patient in their care): clinic and centre, prescriber and qualifications, patient and date of
 * birth, date of issue in the clinic's time zone, items (each with a printable `line`), note, and
 * `text`, the whole as lines an app can print as they are.
 *
 * Parameters: tenant_id, prescription_id  the prescription.
 * Returns: jsonb { prescription_id, status, issued_at, issued_on, clinic, prescriber, patient,
 *          items[], note, text }.
 * Errors: PT404 when the prescription does not exist or the caller may not read it.
 * Example: supabase.rpc('prescription_summary', { tenant_id, prescription_id })
 */
begin
  if not exists (select 1 from public.prescriptions as p
                 where p.tenant_id = prescription_summary.tenant_id and p.id = prescription_summary.prescription_id) then
    raise exception using
      errcode = 'PT404',
      message = 'prescription not found',
      hint = 'Check the prescription id; only the patient and clinicians caring for them see a prescription.';
  end if;
  return private.prescription_summary(prescription_summary.tenant_id, prescription_summary.prescription_id);
end
$$;
comment on function public.prescription_summary(uuid, uuid) is
  'Printable summary of a prescription the caller may read: clinic, prescriber, patient, items with printable lines, and the whole as text. PT404 when not visible.';
revoke execute on function public.prescription_summary(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function public.prescription_summary(uuid, uuid) to authenticated, service_role;
