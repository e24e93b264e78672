-- Postgres Changes (issue 6, "Realtime"): the small reference tables a booking screen shows are
-- added to the `supabase_realtime` publication, so clients can keep their pickers fresh with
-- `postgres_changes` subscriptions instead of polling:
--
--   public.centres              where (name, address, time zone, published?)
--   public.services             what (name, duration, price, public?)
--   public.clinicians           who (public profile)
--   public.clinician_services   who offers what (price / duration overrides)
--   public.clinician_centres    who works where
--
-- Everything that changes with bookings (appointments, availability, time off, holidays) stays
-- on the private Broadcast topics of 20261121200000-200300: those carry trimmed payloads built
-- for each audience, while Postgres Changes sends whole rows and checks RLS per subscriber and
-- per change, which is fine for rarely edited catalogue rows and wrong for a busy diary.
--
-- Why these tables are safe to publish (how Realtime's Postgres Changes treats a change,
-- supabase/walrus `realtime.apply_rls`):
--   * INSERT/UPDATE: delivered only to subscribers whose role and JWT claims pass the table's
--     SELECT policy for the new row (the same policies as the Data API: anon sees listed rows of
--     active tenants, staff see all of their tenant), and only the columns the subscriber's role
--     may SELECT (has_column_privilege): anon never receives clinicians.member_id.
--   * DELETE: RLS cannot be checked for a row that is gone, so with RLS on, Realtime sends only the
--     primary-key columns of the old row, to every subscriber of the table whose filter matches.
--     Our keys are (tenant_id, id) or (tenant_id, clinician_id, centre_id|service_id): random
--     uuids and nothing else, no names or prices. Deletes of unlisted rows therefore reveal an id
--     to subscribers of that tenant; ids are not secrets here (they are not capabilities).
--
-- Replica identity: DEFAULT (the primary key), set explicitly. FULL would add the whole old row
-- to the WAL of every update and delete, and Realtime would still cut DELETE payloads down to the
-- key (RLS is on), so it would buy nothing but WAL volume. The key leads with tenant_id, so a
-- subscription filtered with `tenant_id=eq.<uuid>` also matches DELETE events (Realtime applies
-- filters to the old key columns of a delete).
--
-- See docs/realtime.md ("Postgres Changes: catalogue tables").

alter table public.centres replica identity default;
alter table public.services replica identity default;
alter table public.clinicians replica identity default;
alter table public.clinician_services replica identity default;
alter table public.clinician_centres replica identity default;

alter publication supabase_realtime add table
  public.centres,
  public.services,
  public.clinicians,
  public.clinician_services,
  public.clinician_centres;
