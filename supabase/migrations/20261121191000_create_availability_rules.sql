-- public.availability_rules: a clinician's recurring working hours at a centre (issue 4,
-- availability), e.g. "Mondays and Wednesdays 09:00-17:00 Europe/London from 2026-03-02".
--
-- Hours are LOCAL wall-clock times in the rule's IANA zone (the centre's zone unless given), so
-- 09:00 stays 09:00 when the clocks change. The dates a rule applies on are given by an RFC 5545
-- RRULE (the subset of private.parse_rrule, docs/recurrence.md) with DTSTART = valid_from +
-- local_start in `timezone`; valid_until (inclusive, local date) ends the rule. A window is
-- [local_to_utc(d + local_start), local_to_utc(d + local_end)) for each occurrence date d, both
-- ends converted separately (private.clinician_open_windows, 20261121191500).
--
-- Write-time work (private.prepare_availability_rule, BEFORE INSERT OR UPDATE):
--   * timezone defaults to the centre's;
--   * local_end must be after local_start, valid_until not before valid_from (PT422 + hint; the
--     CHECK constraints state the same as the last line of defence);
--   * the rule is validated and normalised with private.normalise_rrule: an invalid rule is
--     refused by the parser with 22023, COUNT=n is replaced by UNTIL = the n-th occurrence's
--     start instant, the text becomes canonical. So expansion never has to walk from valid_from.
-- Domains (timezone) are checked while the value is read, before the trigger: 23514.
-- A rule belongs to a clinician AT a centre where they work (foreign key to
-- public.clinician_centres): removing the assignment removes the rules.
-- Grants here; policies in 20261121191400.

create table public.availability_rules (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  clinician_id uuid not null,
  centre_id uuid not null,
  timezone public.iana_timezone not null,
  local_start time not null,
  local_end time not null,
  rrule text not null,
  valid_from date not null,
  valid_until date null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint availability_rules_pkey primary key (tenant_id, id),
  constraint availability_rules_clinician_centre_fkey foreign key (tenant_id, clinician_id, centre_id)
    references public.clinician_centres (tenant_id, clinician_id, centre_id) on delete cascade,
  constraint availability_rules_local_end_after_start check (local_end > local_start),
  constraint availability_rules_valid_until_not_before_valid_from check (valid_until >= valid_from),
  constraint availability_rules_rrule_length check (pg_catalog.char_length(rrule) <= 2000)
);
alter table public.availability_rules enable row level security;

comment on table public.availability_rules is
  'Recurring working hours of a clinician at a centre: local_start-local_end (wall clock in timezone) on the dates of an RFC 5545 rule from valid_from to valid_until. Expanded by private.clinician_open_windows. Staff of the tenant read; practice managers, the centre''s manager and the clinician themselves write.';
comment on column public.availability_rules.tenant_id is 'Tenant of the clinician and the centre.';
comment on column public.availability_rules.id is 'Rule id (unique within the tenant).';
comment on column public.availability_rules.clinician_id is 'The clinician whose hours these are.';
comment on column public.availability_rules.centre_id is 'The centre where they work these hours (the clinician must be assigned to it: public.clinician_centres).';
comment on column public.availability_rules.timezone is 'IANA zone of local_start/local_end and of the rule''s dates; defaults to the centre''s zone.';
comment on column public.availability_rules.local_start is 'Start of the hours, local wall-clock time, e.g. 09:00.';
comment on column public.availability_rules.local_end is 'End of the hours, local wall-clock time, after local_start on the same day (24:00 = midnight at the end of the day), e.g. 17:00.';
comment on column public.availability_rules.rrule is 'RFC 5545 recurrence rule (subset: docs/recurrence.md), e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR. DTSTART is valid_from + local_start in timezone. Stored canonical; COUNT is replaced by UNTIL on write.';
comment on column public.availability_rules.valid_from is 'First local date the rule may apply (its DTSTART date).';
comment on column public.availability_rules.valid_until is 'Last local date the rule applies (inclusive); null = open-ended.';
comment on column public.availability_rules.created_at is 'When the rule was created.';
comment on column public.availability_rules.updated_at is 'When the rule was last changed (maintained by trigger).';
comment on constraint availability_rules_clinician_centre_fkey on public.availability_rules is 'Hours exist only where the clinician works; removing the clinician from the centre (or deleting either) removes them.';
comment on constraint availability_rules_local_end_after_start on public.availability_rules is 'Same-day hours: the end is after the start (the trigger says so first, with PT422).';
comment on constraint availability_rules_valid_until_not_before_valid_from on public.availability_rules is 'valid_until, when set, is on or after valid_from.';
comment on constraint availability_rules_rrule_length on public.availability_rules is 'A rule is at most 2000 characters.';

create index availability_rules_tenant_id_clinician_id_centre_id_idx
  on public.availability_rules (tenant_id, clinician_id, centre_id);
comment on index public.availability_rules_tenant_id_clinician_id_centre_id_idx is
  'Serves the foreign key to clinician_centres and private.clinician_open_windows (rules of one clinician at one centre).';
create index availability_rules_tenant_id_centre_id_idx on public.availability_rules (tenant_id, centre_id);
comment on index public.availability_rules_tenant_id_centre_id_idx is 'Serves the centre managers'' policies (rules at a centre).';

create function private.prepare_availability_rule()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.availability_rules:
 *   * timezone null -> the centre's zone (read as definer: the row's centre is fixed by the
 *     foreign key, and the value read is only a zone name);
 *   * local_end <= local_start -> PT422; valid_until < valid_from -> PT422;
 *   * rrule := private.normalise_rrule(rrule, valid_from + local_start, timezone): refuses an
 *     invalid rule with 22023 (parser message, detail, hint), turns COUNT into UNTIL, canonical text.
 * Security definer because private.normalise_rrule is not executable by API roles; it touches
 * only the new row.
 *
 * Returns: the new row.
 */
begin
  if new.timezone is null then
    select c.timezone into new.timezone
    from public.centres as c
    where c.tenant_id = new.tenant_id and c.id = new.centre_id;
  end if;
  if new.local_start is not null and new.local_end is not null and new.local_end <= new.local_start then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('local_end (%s) must be after local_start (%s)', new.local_end, new.local_start),
      hint = 'Hours are a same-day window in local time, e.g. 09:00-17:00; use 24:00 for the end of the day and a second rule for the hours after midnight.';
  end if;
  if new.valid_until < new.valid_from then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('valid_until (%s) is before valid_from (%s)', new.valid_until, new.valid_from),
      hint = 'valid_until is the last local date the rule applies (inclusive); leave it null for an open-ended rule.';
  end if;
  if new.rrule is not null and new.valid_from is not null and new.local_start is not null and new.timezone is not null
     and (tg_op = 'INSERT'
          or (new.rrule, new.valid_from, new.local_start, new.timezone)
             is distinct from (old.rrule, old.valid_from, old.local_start, old.timezone)) then
    new.rrule := private.normalise_rrule(new.rrule, new.valid_from + new.local_start, new.timezone);
  end if;
  return new;
end
$$;
comment on function private.prepare_availability_rule() is
  'Trigger function on availability_rules: defaults timezone to the centre''s, refuses end <= start and valid_until < valid_from (PT422), validates and normalises rrule (22023 from the parser; COUNT -> UNTIL).';
revoke execute on function private.prepare_availability_rule() from public, anon, authenticated, service_role;

create trigger prepare_row before insert or update on public.availability_rules
  for each row execute function private.prepare_availability_rule();
comment on trigger prepare_row on public.availability_rules is 'Defaults the zone, validates the hours and dates, normalises the rule.';

create trigger set_updated_at before update on public.availability_rules
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.availability_rules is 'Keeps updated_at current.';

-- public.availability_rules: grants. anon and patients read nothing (slot search only).
revoke all on table public.availability_rules from anon, authenticated, service_role;
grant select on table public.availability_rules to authenticated;
grant insert (tenant_id, id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from, valid_until)
  on table public.availability_rules to authenticated;
grant update (clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from, valid_until)
  on table public.availability_rules to authenticated;
grant delete on table public.availability_rules to authenticated;
grant select, insert, update, delete on table public.availability_rules to service_role;
