-- public.appointments.booked_via gains 'waitlist' (issue 4, part 2: waitlist): the pending hold
-- made for a waitlisted patient when a slot is freed (20261121195600) is booked by the waitlist,
-- neither by the patient nor by staff. The check constraint of 20261121192100 is replaced.

alter table public.appointments
  drop constraint appointments_booked_via_valid,
  add constraint appointments_booked_via_valid check (booked_via in ('patient', 'staff', 'waitlist'));

comment on constraint appointments_booked_via_valid on public.appointments is
  'Booked by the patient, by staff, or by the waitlist (a freed slot held for a waitlisted patient).';
comment on column public.appointments.booked_via is
  'patient (booked by the patient for themself), staff (by staff or the server for a patient) or waitlist (a freed slot held for a waitlisted patient; see public.waitlist_entries).';
