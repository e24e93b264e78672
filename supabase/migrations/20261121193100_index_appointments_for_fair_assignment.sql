-- Slot search (issue 4), "any clinician": ties between equally loaded clinicians go to the one
-- booked least recently, i.e. the oldest max(created_at) of their appointments that occupy time.
-- Without this index that maximum reads every appointment a clinician ever had; with it, it is
-- one backward index probe per clinician (private.search_slots, ORDER BY created_at DESC LIMIT 1).
-- Partial on the same predicate as the no-overlap constraint, so cancelled and no-show
-- appointments cost nothing here.

create index appointments_tenant_id_clinician_id_created_at_idx
  on public.appointments (tenant_id, clinician_id, created_at)
  where private.status_occupies(status);
comment on index public.appointments_tenant_id_clinician_id_created_at_idx is
  'Slot search fair assignment: a clinician''s most recent appointment that occupies time (private.status_occupies), read with one backward probe.';
