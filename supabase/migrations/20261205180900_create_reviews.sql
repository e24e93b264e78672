-- Verified reviews (docs/profile.md#reviews): a patient reviews the clinician of one of their
-- FULFILLED appointments - once per appointment, rating 1-5 and an optional text, editable for 14
-- days, withdrawable; the clinic's practice managers may hide a review with a reason (audited) but
-- nobody else changes what the patient wrote. No review without a real visit: the only way to
-- write one is public.submit_review, which requires a fulfilled appointment of the caller's own
-- patient record, and the table is not writable through the API.
--
--   public.reviews                   read: the reviewing patient, staff of the clinic
--   public.submit_review(appointment_id, rating, body)      the patient
--   public.edit_review(review_id, rating, body)             the patient, within 14 days
--   public.withdraw_review(review_id)                       the patient
--   public.hide_review(review_id, reason)                   practice managers of the clinic
--   public.clinician_reviews(clinician_id, ...)             anyone: published reviews of a public clinician
-- Aggregates (count, average) appear in the public page and the directory (20261205181000).
-- Refusals: PT404 not found / not yours, PT403 not allowed, PT409 status_conflict (not a
-- fulfilled visit, already reviewed, a withdrawn or hidden review), PT409 too_late_to_change
-- (edit window over), 22023 bad rating, text or reason.

create type public.review_status as enum ('published', 'hidden', 'withdrawn');
comment on type public.review_status is
  'State of a review: published (shown), hidden (by the clinic, with a reason), withdrawn (by the patient).';

create table public.reviews (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  appointment_id uuid not null,
  clinician_id uuid not null,
  patient_id uuid not null,
  rating smallint not null,
  body text null,
  status public.review_status not null default 'published',
  created_at timestamptz not null default pg_catalog.now(),
  edited_at timestamptz null,
  withdrawn_at timestamptz null,
  hidden_at timestamptz null,
  hidden_by uuid null,
  hidden_reason text null,
  constraint reviews_pkey primary key (tenant_id, id),
  constraint reviews_tenant_id_appointment_id_key unique (tenant_id, appointment_id),
  constraint reviews_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete cascade,
  constraint reviews_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint reviews_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete cascade,
  constraint reviews_hidden_by_fkey foreign key (hidden_by) references auth.users (id) on delete set null,
  constraint reviews_rating_range check (rating between 1 and 5),
  constraint reviews_body_length check (pg_catalog.char_length(body) <= 2000),
  constraint reviews_hidden_reason_length check (pg_catalog.char_length(hidden_reason) <= 500),
  constraint reviews_hidden_with_reason check (status <> 'hidden' or (hidden_at is not null and hidden_reason is not null)),
  constraint reviews_withdrawn_with_time check (status <> 'withdrawn' or withdrawn_at is not null)
);
alter table public.reviews enable row level security;
comment on table public.reviews is
  'A verified review: a patient''s rating (1-5) and text about the clinician of one of their fulfilled appointments, one per appointment. Written only through submit_review / edit_review / withdraw_review / hide_review; the public reads published ones through clinician_reviews and the directory.';
comment on column public.reviews.tenant_id is 'Tenant of the appointment.';
comment on column public.reviews.id is 'Review id (unique within the tenant).';
comment on column public.reviews.appointment_id is 'The fulfilled appointment reviewed (one review per appointment).';
comment on column public.reviews.clinician_id is 'The clinician of that appointment.';
comment on column public.reviews.patient_id is 'The patient of that appointment, who wrote it. Never shown to the public.';
comment on column public.reviews.rating is 'Stars, 1 to 5.';
comment on column public.reviews.body is 'The patient''s text (optional, at most 2000 characters).';
comment on column public.reviews.status is 'published, hidden (by the clinic) or withdrawn (by the patient).';
comment on column public.reviews.created_at is 'When it was written; the patient may edit it for 14 days from then.';
comment on column public.reviews.edited_at is 'When the patient last edited it.';
comment on column public.reviews.withdrawn_at is 'When the patient withdrew it.';
comment on column public.reviews.hidden_at is 'When the clinic hid it.';
comment on column public.reviews.hidden_by is 'Who hid it (auth user; the audit log keeps the whole change).';
comment on column public.reviews.hidden_reason is 'Why the clinic hid it (required, at most 500 characters).';
comment on constraint reviews_tenant_id_appointment_id_key on public.reviews is 'One review per appointment.';
comment on constraint reviews_tenant_id_appointment_id_fkey on public.reviews is 'The reviewed appointment, same tenant.';
comment on constraint reviews_tenant_id_clinician_id_fkey on public.reviews is 'The reviewed clinician, same tenant.';
comment on constraint reviews_tenant_id_patient_id_fkey on public.reviews is 'The reviewing patient, same tenant.';
comment on constraint reviews_hidden_by_fkey on public.reviews is 'The moderator, kept as null when that user is deleted.';
comment on constraint reviews_rating_range on public.reviews is 'Ratings are 1 to 5 stars.';
comment on constraint reviews_body_length on public.reviews is 'Review texts are at most 2000 characters.';
comment on constraint reviews_hidden_reason_length on public.reviews is 'Reasons are at most 500 characters.';
comment on constraint reviews_hidden_with_reason on public.reviews is 'A hidden review records when and why.';
comment on constraint reviews_withdrawn_with_time on public.reviews is 'A withdrawn review records when.';

create index reviews_tenant_id_clinician_id_published_idx on public.reviews (tenant_id, clinician_id, created_at desc) where status = 'published';
comment on index public.reviews_tenant_id_clinician_id_published_idx is 'A clinician''s published reviews, newest first, and their aggregate rating (public page, directory).';
create index reviews_tenant_id_patient_id_idx on public.reviews (tenant_id, patient_id);
comment on index public.reviews_tenant_id_patient_id_idx is 'A patient''s own reviews (their policy; the patient foreign key).';
create index reviews_hidden_by_idx on public.reviews (hidden_by) where hidden_by is not null;
comment on index public.reviews_hidden_by_idx is 'Serves the hidden_by foreign key.';

create policy reviews_select_authenticated on public.reviews for select to authenticated
  using (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy reviews_select_authenticated on public.reviews is
  'The patient sees their own reviews; staff of the clinic see every review of it, hidden and withdrawn ones too. The public reads published reviews through public.clinician_reviews (no patient ids).';

revoke all on table public.reviews from anon, authenticated, service_role;
grant select on table public.reviews to authenticated;
grant select, insert, update, delete on table public.reviews to service_role;

create trigger audit_changes after insert or update or delete on public.reviews
  for each row execute function private.record_audit_event('tenant_id', 'body');
comment on trigger audit_changes on public.reviews is 'Every change - writing, editing, withdrawing, hiding - is recorded in the audit log (the text redacted there).';

-- ---------------------------------------------------------------------------------------------
-- the rules, written once
-- ---------------------------------------------------------------------------------------------
create function private.review_edit_window()
returns interval
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * How long after writing it a patient may still edit a review.
   * Example: select private.review_edit_window();  -- 14 days
   */
  select interval '14 days'
$$;
comment on function private.review_edit_window() is 'How long a patient may edit their review after writing it: 14 days.';
revoke execute on function private.review_edit_window() from public, anon, authenticated, service_role;

create function private.check_review_content(p_rating integer, p_body text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Refuses a rating outside 1-5 or a text over 2000 characters (22023, with a hint).
 * Example: perform private.check_review_content(5, 'Very thorough.');
 */
begin
  if p_rating is null or p_rating not between 1 and 5 then
    raise exception using errcode = '22023', message = 'rating must be 1 to 5 stars',
      hint = 'Send rating as a whole number from 1 to 5.';
  end if;
  if pg_catalog.char_length(p_body) > 2000 then
    raise exception using errcode = '22023', message = 'the review text is longer than 2000 characters',
      hint = 'Shorten the text to 2000 characters.';
  end if;
end
$$;
comment on function private.check_review_content(integer, text) is 'Refuses a rating outside 1-5 or a text over 2000 characters (22023).';
revoke execute on function private.check_review_content(integer, text) from public, anon, authenticated, service_role;

create function private.own_review_for_change(p_review_id uuid)
returns public.reviews
language plpgsql
security definer
set search_path = ''
as $$
/**
 * The caller's own review, locked for a change by its author; PT404 when it does not exist or
 * is not theirs (others' reviews look exactly like missing ones).
 * Example: v_review := private.own_review_for_change(:review_id);
 */
declare
  v_review public.reviews;
begin
  select r.* into v_review
  from public.reviews as r
  where r.id = p_review_id
    and (r.tenant_id, r.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'review not found',
      hint = 'Only the patient who wrote a review can change it; check the review id.';
  end if;
  return v_review;
end
$$;
comment on function private.own_review_for_change(uuid) is
  'The caller''s own review, locked (for update); PT404 when missing or not theirs. Used by edit_review and withdraw_review.';
revoke execute on function private.own_review_for_change(uuid) from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- submit
-- ---------------------------------------------------------------------------------------------
create function private.submit_review(p_appointment_id uuid, p_rating integer, p_body text)
returns public.reviews
language plpgsql
security definer
set search_path = ''
as $$
/**
 * Writes the caller's review of the clinician of their fulfilled appointment.
 *
 * Errors: 22023 missing appointment, bad rating or text; PT404 appointment not found or not the
 *   caller's own (patients only: staff cannot write reviews); PT409 status_conflict when the
 *   appointment is not fulfilled or already has a review.
 * Returns: the new review.
 */
declare
  v_appointment public.appointments;
  v_review public.reviews;
begin
  if p_appointment_id is null then
    raise exception using errcode = '22023', message = 'appointment_id is required',
      hint = 'Pass the id of the visit you are reviewing.';
  end if;
  perform private.check_review_content(p_rating, p_body);
  select a.* into v_appointment
  from public.appointments as a
  where a.id = p_appointment_id
    and (a.tenant_id, a.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  for share;
  if not found then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Only the patient of an appointment can review it; check the appointment id.';
  end if;
  if v_appointment.status <> 'fulfilled' then
    raise exception using errcode = 'PT409', message = 'only a completed visit can be reviewed', detail = 'status_conflict',
      hint = 'You can review the clinician once the clinic has marked the visit as completed.';
  end if;
  insert into public.reviews (tenant_id, appointment_id, clinician_id, patient_id, rating, body)
  values (v_appointment.tenant_id, v_appointment.id, v_appointment.clinician_id, v_appointment.patient_id,
          p_rating, nullif(pg_catalog.btrim(p_body), ''))
  on conflict (tenant_id, appointment_id) do nothing
  returning * into v_review;
  if v_review.id is null then
    raise exception using errcode = 'PT409', message = 'this visit has already been reviewed', detail = 'status_conflict',
      hint = 'Edit your review instead (edit_review), within 14 days of writing it.';
  end if;
  return v_review;
end
$$;
comment on function private.submit_review(uuid, integer, text) is
  'Implementation of public.submit_review (security definer: patients do not write reviews directly): the caller''s own fulfilled appointment, one review each.';
revoke execute on function private.submit_review(uuid, integer, text) from public, anon, authenticated, service_role;
grant execute on function private.submit_review(uuid, integer, text) to authenticated;

create function public.submit_review(appointment_id uuid, rating integer, body text default null)
returns public.reviews
language sql
volatile
set search_path = ''
as $$
  /**
   * Review the clinician of one of your completed visits: 1-5 stars and an optional text (at
   * most 2000 characters). One review per appointment; edit it for 14 days with edit_review,
   * withdraw it with withdraw_review.
   * Errors: 22023 bad rating or text; PT404 not your appointment; PT409 status_conflict (not
   *   completed yet, or already reviewed).
   * Example: supabase.rpc('submit_review', { appointment_id, rating: 5, body: 'Kind and thorough.' })
   */
  select * from private.submit_review(submit_review.appointment_id, submit_review.rating, submit_review.body)
$$;
comment on function public.submit_review(uuid, integer, text) is
  'A patient reviews the clinician of their fulfilled appointment (rating 1-5, optional text); once per appointment. PT409 status_conflict when not fulfilled or already reviewed.';
revoke execute on function public.submit_review(uuid, integer, text) from public, anon, authenticated, service_role;
grant execute on function public.submit_review(uuid, integer, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- edit and withdraw (the author)
-- ---------------------------------------------------------------------------------------------
create function private.edit_review(p_review_id uuid, p_rating integer, p_body text)
returns public.reviews
language plpgsql
security definer
set search_path = ''
as $$
/**
 * The author changes rating and text of their published review within the edit window.
 * Errors: 22023 bad rating or text; PT404 not found or not theirs; PT409 status_conflict
 *   (withdrawn or hidden); PT409 too_late_to_change (more than 14 days after writing).
 * Returns: the review.
 */
declare
  v_review public.reviews;
begin
  perform private.check_review_content(p_rating, p_body);
  v_review := private.own_review_for_change(p_review_id);
  if v_review.status <> 'published' then
    raise exception using errcode = 'PT409', message = pg_catalog.format('this review is %s and can no longer be edited', v_review.status), detail = 'status_conflict',
      hint = 'A withdrawn or hidden review stays as it is.';
  end if;
  if pg_catalog.now() > v_review.created_at + private.review_edit_window() then
    raise exception using errcode = 'PT409', message = 'reviews can be edited for 14 days after they are written', detail = 'too_late_to_change',
      hint = 'You can still withdraw the review.';
  end if;
  update public.reviews as r
  set rating = p_rating, body = nullif(pg_catalog.btrim(p_body), ''), edited_at = pg_catalog.now()
  where r.tenant_id = v_review.tenant_id and r.id = v_review.id
  returning * into v_review;
  return v_review;
end
$$;
comment on function private.edit_review(uuid, integer, text) is
  'Implementation of public.edit_review: the author edits a published review within private.review_edit_window().';
revoke execute on function private.edit_review(uuid, integer, text) from public, anon, authenticated, service_role;
grant execute on function private.edit_review(uuid, integer, text) to authenticated;

create function public.edit_review(review_id uuid, rating integer, body text default null)
returns public.reviews
language sql
volatile
set search_path = ''
as $$
  /**
   * Change the rating and text of your review, within 14 days of writing it.
   * Errors: 22023 bad rating or text; PT404 not your review; PT409 status_conflict (withdrawn or
   *   hidden); PT409 too_late_to_change (after 14 days).
   * Example: supabase.rpc('edit_review', { review_id, rating: 4, body: 'Good, a long wait though.' })
   */
  select * from private.edit_review(edit_review.review_id, edit_review.rating, edit_review.body)
$$;
comment on function public.edit_review(uuid, integer, text) is
  'The patient edits their published review within 14 days of writing it (PT409 too_late_to_change after).';
revoke execute on function public.edit_review(uuid, integer, text) from public, anon, authenticated, service_role;
grant execute on function public.edit_review(uuid, integer, text) to authenticated;

create function private.withdraw_review(p_review_id uuid)
returns public.reviews
language plpgsql
security definer
set search_path = ''
as $$
/**
 * The author withdraws their review (published or hidden): it is no longer shown or counted.
 * Errors: PT404 not found or not theirs; PT409 status_conflict when already withdrawn.
 * Returns: the review.
 */
declare
  v_review public.reviews;
begin
  v_review := private.own_review_for_change(p_review_id);
  if v_review.status = 'withdrawn' then
    raise exception using errcode = 'PT409', message = 'this review is already withdrawn', detail = 'status_conflict',
      hint = 'Nothing to do.';
  end if;
  update public.reviews as r
  set status = 'withdrawn', withdrawn_at = pg_catalog.now()
  where r.tenant_id = v_review.tenant_id and r.id = v_review.id
  returning * into v_review;
  return v_review;
end
$$;
comment on function private.withdraw_review(uuid) is 'Implementation of public.withdraw_review: the author withdraws their review.';
revoke execute on function private.withdraw_review(uuid) from public, anon, authenticated, service_role;
grant execute on function private.withdraw_review(uuid) to authenticated;

create function public.withdraw_review(review_id uuid)
returns public.reviews
language sql
volatile
set search_path = ''
as $$
  /**
   * Withdraw your review: it is no longer shown or counted. It cannot be written again.
   * Errors: PT404 not your review; PT409 status_conflict (already withdrawn).
   * Example: supabase.rpc('withdraw_review', { review_id })
   */
  select * from private.withdraw_review(withdraw_review.review_id)
$$;
comment on function public.withdraw_review(uuid) is 'The patient withdraws their review (no longer shown or counted).';
revoke execute on function public.withdraw_review(uuid) from public, anon, authenticated, service_role;
grant execute on function public.withdraw_review(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- hide (the clinic)
-- ---------------------------------------------------------------------------------------------
create function private.hide_review(p_review_id uuid, p_reason text)
returns public.reviews
language plpgsql
security definer
set search_path = ''
as $$
/**
 * A practice manager of the review's clinic hides a published review, with a reason. Only the
 * status and the moderation columns change: rating and text stay as the patient wrote them. The
 * change is recorded in the audit log with the actor.
 * Errors: 22023 no reason or a reason over 500 characters; PT404 not found or of another clinic
 *   (staff of the clinic who may not moderate: PT403); PT409 status_conflict when it is not
 *   published.
 * Returns: the review.
 */
declare
  v_review public.reviews;
  v_reason text := pg_catalog.btrim(p_reason);
begin
  if v_reason is null or v_reason = '' or pg_catalog.char_length(v_reason) > 500 then
    raise exception using errcode = '22023', message = 'a reason (at most 500 characters) is required to hide a review',
      hint = 'Say why, e.g. names another patient, or is abusive.';
  end if;
  select r.* into v_review
  from public.reviews as r
  where r.id = p_review_id and r.tenant_id in (select private.member_tenant_ids())
  for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'review not found',
      hint = 'Check the review id.';
  end if;
  if v_review.tenant_id not in (select private.tenant_ids_with_role(private.practice_manager_roles())) then
    raise exception using errcode = 'PT403', message = 'only owners, admins and managers can hide reviews',
      hint = 'Ask a manager of the clinic.';
  end if;
  if v_review.status <> 'published' then
    raise exception using errcode = 'PT409', message = pg_catalog.format('this review is %s, not published', v_review.status), detail = 'status_conflict',
      hint = 'Only published reviews can be hidden.';
  end if;
  update public.reviews as r
  set status = 'hidden', hidden_at = pg_catalog.now(), hidden_by = (select auth.uid()), hidden_reason = v_reason
  where r.tenant_id = v_review.tenant_id and r.id = v_review.id
  returning * into v_review;
  return v_review;
end
$$;
comment on function private.hide_review(uuid, text) is
  'Implementation of public.hide_review: a practice manager of the clinic hides a published review with a reason (audited); the patient''s words are never changed.';
revoke execute on function private.hide_review(uuid, text) from public, anon, authenticated, service_role;
grant execute on function private.hide_review(uuid, text) to authenticated;

create function public.hide_review(review_id uuid, reason text)
returns public.reviews
language sql
volatile
set search_path = ''
as $$
  /**
   * Hide a published review of your clinic, with a reason (owners, admins, managers). The
   * patient's rating and text are kept unchanged; the audit log records who hid it and why.
   * Errors: 22023 no reason; PT404 not found; PT403 not allowed; PT409 status_conflict (not
   *   published).
   * Example: supabase.rpc('hide_review', { review_id, reason: 'Names another patient' })
   */
  select * from private.hide_review(hide_review.review_id, hide_review.reason)
$$;
comment on function public.hide_review(uuid, text) is
  'Practice managers hide a published review of their clinic with a reason (audited); they never edit it.';
revoke execute on function public.hide_review(uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.hide_review(uuid, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- the public side
-- ---------------------------------------------------------------------------------------------
create function private.clinician_reviews(p_clinician_id uuid, p_max_rows integer, p_before timestamptz)
returns table (review_id uuid, rating smallint, body text, created_at timestamptz, edited_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * Published reviews of a clinician the caller may see (public and active for the public; any
 * of their own clinic for staff), newest first, without anything that identifies the patient.
 * Errors: 22023 max_rows outside 1-100; PT404 clinician not found or not listed.
 */
declare
  v_tenant_id uuid;
begin
  if p_max_rows is null or p_max_rows not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_rows must be between 1 and 100',
      hint = 'Page with before = the created_at of the last review shown.';
  end if;
  select c.tenant_id into v_tenant_id
  from public.clinicians as c
  join public.tenants as t on t.id = c.tenant_id
  where c.id = p_clinician_id
    and ((c.is_public and c.is_active and t.is_active) or c.tenant_id in (select private.member_tenant_ids()));
  if not found then
    raise exception using errcode = 'PT404', message = 'clinician not found',
      hint = 'Check the clinician id; only listed clinicians have public reviews.';
  end if;
  return query
    select r.id, r.rating, r.body, r.created_at, r.edited_at
    from public.reviews as r
    where r.tenant_id = v_tenant_id and r.clinician_id = p_clinician_id and r.status = 'published'
      and (p_before is null or r.created_at < p_before)
    order by r.created_at desc, r.id
    limit p_max_rows;
end
$$;
comment on function private.clinician_reviews(uuid, integer, timestamptz) is
  'Implementation of public.clinician_reviews (security definer: visitors do not read the reviews table, which holds patient ids).';
revoke execute on function private.clinician_reviews(uuid, integer, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.clinician_reviews(uuid, integer, timestamptz) to anon, authenticated;

create function public.clinician_reviews(clinician_id uuid, max_rows integer default 20, before timestamptz default null)
returns table (review_id uuid, rating smallint, body text, created_at timestamptz, edited_at timestamptz)
language sql
stable
set search_path = ''
as $$
  /**
   * Published reviews of a listed clinician, newest first (each from a verified, completed
   * visit; no patient details). Page with `before` = the created_at of the last one shown.
   * Errors: 22023 max_rows outside 1-100; PT404 clinician not found or not listed.
   * Example: supabase.rpc('clinician_reviews', { clinician_id, max_rows: 10 })
   */
  select * from private.clinician_reviews(clinician_reviews.clinician_id, clinician_reviews.max_rows, clinician_reviews.before)
$$;
comment on function public.clinician_reviews(uuid, integer, timestamptz) is
  'Published, verified reviews of a listed clinician, newest first, for anyone (no patient details).';
revoke execute on function public.clinician_reviews(uuid, integer, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.clinician_reviews(uuid, integer, timestamptz) to anon, authenticated, service_role;
grant execute on function private.clinician_reviews(uuid, integer, timestamptz) to service_role;
