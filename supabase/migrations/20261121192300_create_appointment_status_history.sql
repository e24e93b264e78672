-- public.appointment_status_history: every status change and every reschedule of an appointment,
-- with who did it and why (issue 4). Written only by the trigger private.record_appointment_history()
-- (AFTER INSERT OR UPDATE on public.appointments); no API role may write it, so it is
-- append-only through the API. Staff of the tenant and the patient read it (20261121192400).
--
-- Reason: the RPCs pass it in the transaction-local setting `slotbase.appointment_change_reason`;
-- otherwise the cancellation reason (to cancelled) or the override reason (on insert).

create table public.appointment_status_history (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  appointment_id uuid not null,
  from_status public.appointment_status null,
  to_status public.appointment_status not null,
  starts_at_before timestamptz null,
  ends_at_before timestamptz null,
  starts_at_after timestamptz not null,
  ends_at_after timestamptz not null,
  actor_user_id uuid null,
  actor_role text not null,
  reason text null,
  at timestamptz not null default pg_catalog.clock_timestamp(),
  constraint appointment_status_history_pkey primary key (tenant_id, id),
  constraint appointment_status_history_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete cascade,
  constraint appointment_status_history_actor_role_not_empty check (actor_role <> '')
);
alter table public.appointment_status_history enable row level security;

comment on table public.appointment_status_history is
  'History of an appointment: one row when it is created (from_status null), one per status change and one per reschedule (times before and after). Written by trigger only; read by the tenant''s staff and the patient.';
comment on column public.appointment_status_history.tenant_id is 'Tenant of the appointment.';
comment on column public.appointment_status_history.id is 'Entry id.';
comment on column public.appointment_status_history.appointment_id is 'The appointment.';
comment on column public.appointment_status_history.from_status is 'Status before (null when the appointment was created).';
comment on column public.appointment_status_history.to_status is 'Status after (equal to from_status for a reschedule without a status change).';
comment on column public.appointment_status_history.starts_at_before is 'Start before the change (null on creation).';
comment on column public.appointment_status_history.ends_at_before is 'End before the change (null on creation).';
comment on column public.appointment_status_history.starts_at_after is 'Start after the change.';
comment on column public.appointment_status_history.ends_at_after is 'End after the change.';
comment on column public.appointment_status_history.actor_user_id is 'Auth user who made the change (null for the server and for expired holds).';
comment on column public.appointment_status_history.actor_role is 'patient or staff (a signed-in user acting as such in the tenant); system for the release of an expired hold (whoever''s booking or job released it); otherwise the database role of a server-side change (service_role, postgres for SQL sessions).';
comment on column public.appointment_status_history.reason is 'Why, e.g. the cancellation reason, hold_expired, or a staff override reason.';
comment on column public.appointment_status_history.at is 'When the change was made (clock time).';
comment on constraint appointment_status_history_tenant_id_appointment_id_fkey on public.appointment_status_history is 'History belongs to an appointment of the same tenant (removed with it; the audit log keeps a copy).';
comment on constraint appointment_status_history_actor_role_not_empty on public.appointment_status_history is 'Every entry names who acted.';

create index appointment_status_history_tenant_id_appointment_id_at_idx on public.appointment_status_history (tenant_id, appointment_id, at);
comment on index public.appointment_status_history_tenant_id_appointment_id_at_idx is 'An appointment''s history in order (and the appointment foreign key).';

create function private.record_appointment_history()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT OR UPDATE row trigger on public.appointments: appends a history entry on insert,
 * on a status change and on a change of starts_at/ends_at. security definer: no API role may
 * insert into the history.
 *
 * Returns: null.
 */
declare
  v_uid uuid := (select auth.uid());
  v_role text := pg_catalog.current_setting('role', true);
  v_actor_role text;
  v_reason text := nullif(pg_catalog.current_setting('slotbase.appointment_change_reason', true), '');
begin
  if tg_op = 'UPDATE'
     and new.status = old.status
     and (new.starts_at, new.ends_at) = (old.starts_at, old.ends_at) then
    return null;
  end if;

  if tg_op = 'UPDATE' and old.status = 'pending' and new.status = 'cancelled'
     and new.cancellation_reason = 'hold_expired' then
    -- an expired hold is released by the system, even when another user's booking triggered it
    v_uid := null;
    v_actor_role := 'system';
  elsif v_uid is not null then
    v_actor_role := case
      when exists (select 1 from public.members as m
                   where m.tenant_id = new.tenant_id and m.user_id = v_uid and m.is_active) then 'staff'
      else 'patient'
    end;
  else
    v_actor_role := case when v_role is null or v_role in ('', 'none') then session_user::text else v_role end;
  end if;

  if v_reason is null then
    v_reason := case
      when tg_op = 'INSERT' and new.staff_override then new.override_reason
      when new.status = 'cancelled' and (tg_op = 'INSERT' or old.status <> 'cancelled') then new.cancellation_reason
    end;
  end if;

  insert into public.appointment_status_history (
    tenant_id, appointment_id, from_status, to_status, starts_at_before, ends_at_before,
    starts_at_after, ends_at_after, actor_user_id, actor_role, reason)
  values (
    new.tenant_id, new.id,
    case when tg_op = 'UPDATE' then old.status end, new.status,
    case when tg_op = 'UPDATE' then old.starts_at end, case when tg_op = 'UPDATE' then old.ends_at end,
    new.starts_at, new.ends_at, v_uid, v_actor_role, v_reason);
  return null;
end
$$;
comment on function private.record_appointment_history() is
  'Trigger function on appointments (security definer: API roles cannot write the history): appends appointment_status_history on creation, status change and reschedule, with actor and reason.';
revoke execute on function private.record_appointment_history() from public, anon, authenticated, service_role;

create trigger record_history after insert or update on public.appointments
  for each row execute function private.record_appointment_history();
comment on trigger record_history on public.appointments is 'Writes appointment_status_history on creation, every status change and every reschedule.';

-- public.appointment_status_history: grants. Read-only for everyone (writes only by the trigger).
revoke all on table public.appointment_status_history from anon, authenticated, service_role;
grant select on table public.appointment_status_history to authenticated, service_role;
