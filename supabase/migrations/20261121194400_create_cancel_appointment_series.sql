-- Cancelling occurrences of a series: public.cancel_appointment_series(appointment_id, scope,
-- reason) (issue 4, part 2: series).
--
-- scope   'this'       the given occurrence;
--         'following'  the given occurrence and every later one of its series (by start);
--         'all'        every occurrence of its series that has not started yet.
-- Only pending and booked occurrences are cancelled; the others in scope (cancelled, fulfilled,
-- no-show, ...) are reported as skipped. Each cancellation goes through
-- private.change_appointment_status(id, 'cancelled', reason), so who may cancel, the history
-- entry and the cancellation outcome (late, fee) are decided per occurrence exactly as for
-- cancel_appointment. One failure (e.g. PT403) and nothing is cancelled.
-- A series split by reschedule_appointment_series('following') is two series: the scope stays
-- within the series of the given appointment.

create function private.cancel_appointment_series(p_appointment_id uuid, p_scope text, p_reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Cancels the occurrences of a series in scope (see public.cancel_appointment_series).
 * security definer: nobody but service_role updates appointments directly; the caller's rights
 * are checked here (PT404/PT403 like cancel_appointment) and again per occurrence by
 * private.change_appointment_status.
 *
 * Returns: {series_id, cancelled: [appointment ids], skipped: [{appointment_id, status}]}.
 * Errors:  22023 (id, scope, reason), PT403, PT404, PT422 (not part of a series).
 */
declare
  v_appointment public.appointments;
  v_caller text;
  v_series_id uuid;
  v_target record;
  v_cancelled jsonb := '[]'::jsonb;
  v_skipped jsonb := '[]'::jsonb;
begin
  if p_appointment_id is null then
    raise exception using errcode = '22023', message = 'appointment_id is required',
      hint = 'Pass the id of one appointment of the series.';
  end if;
  if p_scope is null or p_scope not in ('this', 'following', 'all') then
    raise exception using errcode = '22023', message = 'scope must be this, following or all',
      hint = 'this: only this appointment; following: this one and the later ones; all: every one not yet started.';
  end if;
  select a.* into v_appointment from public.appointments as a where a.id = p_appointment_id;
  v_caller := case when found then private.appointment_caller(v_appointment) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;
  if v_caller not in ('server', 'staff', 'clinician', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not mark this appointment cancelled',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if p_reason is null or pg_catalog.btrim(p_reason) = '' then
    raise exception using errcode = '22023', message = 'reason is required',
      hint = 'Say why, e.g. patient_request, clinician_unavailable.';
  end if;
  if v_appointment.series_id is null then
    raise exception using errcode = 'PT422', message = 'this appointment is not part of a series',
      hint = 'Use cancel_appointment for a single appointment.';
  end if;

  -- one series operation at a time
  select s.id into v_series_id
  from public.appointment_series as s
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.series_id
  for update;

  for v_target in
    select a.id, a.status
    from public.appointments as a
    where a.tenant_id = v_appointment.tenant_id and a.series_id = v_series_id
      and case p_scope
            when 'this' then a.id = v_appointment.id
            when 'following' then a.starts_at >= v_appointment.starts_at
            else a.starts_at > pg_catalog.now()
          end
    order by a.starts_at, a.id
    for update
  loop
    if v_target.status in ('pending', 'booked') then
      perform private.change_appointment_status(v_target.id, 'cancelled', p_reason);
      v_cancelled := v_cancelled || pg_catalog.to_jsonb(v_target.id);
    else
      v_skipped := v_skipped || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('appointment_id', v_target.id, 'status', v_target.status));
    end if;
  end loop;

  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'cancelled', v_cancelled, 'skipped', v_skipped);
end
$$;
comment on function private.cancel_appointment_series(uuid, text, text) is
  'Implementation of public.cancel_appointment_series (security definer): cancels the pending/booked occurrences in scope (this, following, all not yet started) through private.change_appointment_status, reporting the others as skipped.';
revoke execute on function private.cancel_appointment_series(uuid, text, text) from public, anon, authenticated, service_role;
grant execute on function private.cancel_appointment_series(uuid, text, text) to authenticated, service_role;

create function public.cancel_appointment_series(appointment_id uuid, scope text, reason text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Cancels occurrences of a recurring series.
 *
 * Parameters:
 *   appointment_id  one appointment of the series (the one the user picked)
 *   scope           'this' (that one), 'following' (that one and every later one), or 'all'
 *                   (every one that has not started)
 *   reason          required, e.g. 'patient_request'
 * Returns: {"series_id", "cancelled": [appointment ids], "skipped": [{"appointment_id", "status"}]}
 *          (skipped: in scope but not pending/booked, e.g. already cancelled or fulfilled).
 * Who:     as cancel_appointment, per occurrence: the patient, booking staff, the clinician;
 *          cancellation_outcome (late, fee) is decided per occurrence.
 * Errors:  22023 (missing id or reason, bad scope), PT403, PT404, PT422 (not part of a series).
 * Example: supabase.rpc('cancel_appointment_series', { appointment_id, scope: 'following', reason: 'patient_request' })
 */
begin
  return private.cancel_appointment_series(cancel_appointment_series.appointment_id, cancel_appointment_series.scope,
                                           cancel_appointment_series.reason);
end
$$;
comment on function public.cancel_appointment_series(uuid, text, text) is
  'Cancels occurrences of a series: scope this | following | all (not yet started); pending/booked ones are cancelled like cancel_appointment, the others reported as skipped. Returns {series_id, cancelled, skipped}. Errors: 22023, PT403, PT404, PT422. See docs/series.md.';
revoke execute on function public.cancel_appointment_series(uuid, text, text) from public, anon, authenticated, service_role;
grant execute on function public.cancel_appointment_series(uuid, text, text) to authenticated, service_role;
