-- public.appointments.series_id: the recurring series an appointment belongs to (issue 4, part 2:
-- series). Set by book_appointment_series when it books the occurrences, and moved to the new
-- series when reschedule_appointment_series splits a series ('following'). Null for a single
-- appointment. A series with appointments cannot be deleted (on delete restrict): cancel the
-- appointments instead; the series row stays as their record.

alter table public.appointments
  add column series_id uuid null,
  add constraint appointments_tenant_id_series_id_fkey foreign key (tenant_id, series_id)
    references public.appointment_series (tenant_id, id) on delete restrict;

comment on column public.appointments.series_id is
  'The recurring series (public.appointment_series) this appointment is an occurrence of; null for a single appointment. Set by book_appointment_series; reschedule_appointment_series moves it to the new series when it splits one.';
comment on constraint appointments_tenant_id_series_id_fkey on public.appointments is
  'The series belongs to the same tenant; a series with appointments cannot be deleted.';

create index appointments_tenant_id_series_id_starts_at_idx on public.appointments (tenant_id, series_id, starts_at)
  where series_id is not null;
comment on index public.appointments_tenant_id_series_id_starts_at_idx is
  'A series'' occurrences in time order (cancel/reschedule "following" and "all") and the series foreign key.';
