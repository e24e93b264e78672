-- public.medical_note_shares, per role and command: the author of a note that is not restricted
-- shares it with a colleague, who then reads it (while an active clinician; a restricted note is
-- never opened by a share). The author and the colleague see the share; nobody updates a share;
-- the author removes it. service_role does everything but update. Cast: _setup/clinical_fixtures.sql.
begin;
select plan(39);

-- SETUP
select tests.create_clinical_fixtures();
create temporary view share_walk_in_with_a_clinician_2 as
  select $$ insert into public.medical_note_shares (tenant_id, note_id, member_id)
            values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('a_clinician_2.member'))
            returning 1 $$ as statement;

-- TEST: insert (share note_walk_in, written by a_clinician, with a_clinician_2)
select is(tests.outcome_as(m.who, (select statement from share_walk_in_with_a_clinician_2)), m.expected,
          m.who || ' shares a_clinician''s note: ' || m.expected)
from (values
  ('a_clinician', '1 row'), ('a_clinician_2', '42501'), ('a_owner', '42501'), ('a_admin', '42501'), ('a_manager', '42501'),
  ('a_centre_manager', '42501'), ('a_care_coordinator', '42501'), ('a_front_desk', '42501'), ('patient', '42501'),
  ('b_owner', '42501'), ('b_clinician', '42501'), ('anon', '42501'), ('service_role', '1 row')
) as m(who, expected);
select is(
  tests.outcome_as('a_clinician_2', $$ insert into public.medical_note_shares (tenant_id, note_id, member_id)
                                       values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a_restricted'), tests.tenancy_id('a_clinician.member'))
                                       returning 1 $$),
  '42501', 'not even its author shares a restricted note');

-- SETUP: the share exists; a second one with a non-clinician
insert into public.medical_note_shares (tenant_id, note_id, member_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('a_clinician_2.member')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('a_front_desk.member'));

-- TEST: the share opens the note to the colleague
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_walk_in') $$),
  '1 row', 'the colleague reads the shared note (the patient is not in their care)');
select is(tests.outcome_as('a_front_desk', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_walk_in') $$),
  '0 rows', 'a share with a member who is not a clinician opens nothing');
select is(tests.outcome_as('a_clinician_2', $$ update public.medical_notes set body = 'mine now' where id = tests.tenancy_id('note_walk_in') returning 1 $$),
  '0 rows', 'the colleague reads it but does not edit it');

-- TEST: select (tenant A's two shares)
select is(tests.outcome_as(m.who, $$ select 1 from public.medical_note_shares where tenant_id = tests.tenancy_id('tenant_a') $$), m.expected,
          m.who || ' sees ' || m.expected || ' of the shares')
from (values
  ('a_clinician', '2 rows'), ('a_clinician_2', '1 row'), ('a_front_desk', '1 row'), ('a_owner', '0 rows'), ('a_admin', '0 rows'),
  ('patient', '0 rows'), ('b_owner', '0 rows'), ('anon', '42501'), ('service_role', '2 rows')
) as m(who, expected);

-- TEST: update (nobody)
select is(tests.outcome_as(m.who, $$ update public.medical_note_shares set member_id = member_id returning 1 $$), '42501',
          m.who || ' cannot update a share (no grant)')
from unnest(array['a_clinician', 'a_owner', 'anon', 'service_role']) as m(who);

-- TEST: delete (the author stops sharing)
select is(tests.outcome_as(m.who, $$ delete from public.medical_note_shares where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$), m.expected,
          m.who || ' removes ' || m.expected || ' of the shares')
from (values
  ('a_clinician', '2 rows'), ('a_clinician_2', '0 rows'), ('a_front_desk', '0 rows'), ('a_owner', '0 rows'),
  ('patient', '0 rows'), ('b_owner', '0 rows'), ('anon', '42501'), ('service_role', '2 rows')
) as m(who, expected);

-- TEST: restricting a note closes its shares
update public.medical_notes set is_restricted = true where id = tests.tenancy_id('note_walk_in');
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_walk_in') $$),
  '0 rows', 'once the author restricts the note, the share no longer opens it');

select * from finish();
rollback;
