-- tenants.reminder_offsets: how long before an appointment its reminders go out (issue 5,
-- notifications). Owners and admins change it (column grant below; the tenants UPDATE policy of
-- 20261121170850 already limits updates to them). Changing it affects appointments booked (or
-- rescheduled) afterwards; reminders already queued keep their time.

create function private.are_valid_reminder_offsets(offsets interval[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when `offsets` is a list of at most 5 distinct intervals, each between 5 minutes and
   * 30 days, without nulls (an empty list means: no reminders). Used by
   * tenants_reminder_offsets_valid.
   * Example: select private.are_valid_reminder_offsets('{24 hours,2 hours}');  -- true
   */
  select offsets is null or (
    coalesce(pg_catalog.array_length(offsets, 1), 0) <= 5
    and pg_catalog.array_position(offsets, null) is null
    and not exists (select 1 from pg_catalog.unnest(offsets) as o
                    where o < interval '5 minutes' or o > interval '30 days')
    and (select pg_catalog.count(distinct o) from pg_catalog.unnest(offsets) as o)
        = coalesce(pg_catalog.array_length(offsets, 1), 0)
  )
$$;
comment on function private.are_valid_reminder_offsets(interval[]) is
  'True when reminder offsets are at most 5 distinct intervals between 5 minutes and 30 days (no nulls). Used by the tenants_reminder_offsets_valid check.';
revoke execute on function private.are_valid_reminder_offsets(interval[]) from public, anon, authenticated, service_role;
grant execute on function private.are_valid_reminder_offsets(interval[]) to authenticated, service_role;

alter table public.tenants
  add column reminder_offsets interval[] not null default '{24 hours,2 hours}',
  add constraint tenants_reminder_offsets_valid check (private.are_valid_reminder_offsets(reminder_offsets));
comment on column public.tenants.reminder_offsets is
  'Notifications: appointment reminders go out this long before the start, one per offset (at most 5 distinct, each 5 minutes to 30 days; empty = no reminders). Default 24 hours and 2 hours. Offsets whose send time has already passed at booking are skipped.';
comment on constraint tenants_reminder_offsets_valid on public.tenants is
  'At most 5 distinct reminder offsets, each between 5 minutes and 30 days.';

grant update (reminder_offsets) on table public.tenants to authenticated;
