-- public.patients.registered_centre_id: the centre where a patient was registered. It is one of
-- the ways a patient belongs to a centre, which decides what centre-scoped staff see (next
-- migrations): a patient belongs to a centre when registered there, when they have an appointment
-- there (any status, past or future) or when they wait for a slot there (a waitlist entry).
-- Staff registering a patient as centre-scoped staff must name one of their own centres; tenant-
-- wide staff and self-registering patients may leave it empty.

alter table public.patients add column registered_centre_id uuid null;
alter table public.patients add constraint patients_tenant_id_registered_centre_id_fkey
  foreign key (tenant_id, registered_centre_id) references public.centres (tenant_id, id) on delete set null (registered_centre_id);

comment on column public.patients.registered_centre_id is
  'Centre where the patient was registered (null: registered online or by tenant-wide staff). A patient belongs to this centre, to every centre where they have an appointment and to every centre where they are on the waitlist; centre-scoped staff see the patients of their centres.';
comment on constraint patients_tenant_id_registered_centre_id_fkey on public.patients is
  'The registration centre belongs to the same tenant; deleting the centre clears it (the record stays).';

create index patients_tenant_id_registered_centre_id_idx on public.patients (tenant_id, registered_centre_id)
  where registered_centre_id is not null;
comment on index public.patients_tenant_id_registered_centre_id_idx is
  'Serves the registration-centre foreign key and the patients of a centre (centre-scoped staff).';

grant insert (registered_centre_id), update (registered_centre_id) on table public.patients to authenticated;
