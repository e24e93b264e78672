-- Every policy that named its roles as a literal array names its role set instead
-- (20261205130000_create_role_sets.sql). Behaviour is unchanged: each expression allows exactly
-- what it allowed before. Where an OR-branch named a narrower set than the one used here (e.g. the
-- admin-only branch of the member and invitation rules), the roles added by the wider set already
-- pass an earlier branch of the same expression, so the result is the same. `alter policy` keeps
-- each policy's name, command, role and comment.
--
-- The policies of patients, medical_notes, appointments and payments are rewritten with their
-- role sets by the least-privilege migrations that follow.

-- ---------------------------------------------------------------------------------------------
-- public.tenants
-- ---------------------------------------------------------------------------------------------
alter policy tenants_update_authenticated on public.tenants
  using (id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
  with check (id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.centres
-- ---------------------------------------------------------------------------------------------
alter policy centres_insert_authenticated on public.centres
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy centres_update_authenticated on public.centres
  using ((tenant_id, id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
  with check ((tenant_id, id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
alter policy centres_delete_authenticated on public.centres
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.members
-- ---------------------------------------------------------------------------------------------
alter policy members_insert_authenticated on public.members
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
alter policy members_update_authenticated on public.members
  using (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (
      tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
      and (
        (tenant_id, id) not in (
          select k.tenant_id, k.member_id from private.member_keys_with_role(private.tenant_admin_roles()) as k)
        or user_id = (select auth.uid())
      )
    )
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (
      tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
      and (
        (tenant_id, id) not in (
          select k.tenant_id, k.member_id from private.member_keys_with_role(private.tenant_admin_roles()) as k)
        or user_id = (select auth.uid())
      )
    )
  );
alter policy members_delete_authenticated on public.members
  using (
    user_id <> (select auth.uid())
    and (
      tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
      or (
        tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
        and (tenant_id, id) not in (
          select k.tenant_id, k.member_id from private.member_keys_with_role(private.tenant_admin_roles()) as k)
      )
    )
  );

-- ---------------------------------------------------------------------------------------------
-- public.member_roles
-- ---------------------------------------------------------------------------------------------
alter policy member_roles_insert_authenticated on public.member_roles
  with check (
    (tenant_id, member_id) not in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
    and (
      tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
      or (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())) and role <> all (private.tenant_admin_roles()))
    )
  );
alter policy member_roles_delete_authenticated on public.member_roles
  using (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())) and role <> all (private.tenant_admin_roles()))
  );

-- ---------------------------------------------------------------------------------------------
-- public.invitations
-- ---------------------------------------------------------------------------------------------
alter policy invitations_select_authenticated on public.invitations
  using (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())) and role = any (private.roles_below_manager()))
  );
alter policy invitations_insert_authenticated on public.invitations
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())) and role <> all (private.tenant_admin_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())) and role = any (private.roles_below_manager()))
  );
alter policy invitations_update_authenticated on public.invitations
  using (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())) and role <> all (private.tenant_admin_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())) and role = any (private.roles_below_manager()))
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.owner_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())) and role <> all (private.tenant_admin_roles()))
    or (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())) and role = any (private.roles_below_manager()))
  );

-- ---------------------------------------------------------------------------------------------
-- public.clinicians
-- ---------------------------------------------------------------------------------------------
alter policy clinicians_insert_authenticated on public.clinicians
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy clinicians_update_authenticated on public.clinicians
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
alter policy clinicians_delete_authenticated on public.clinicians
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.clinician_centres
-- ---------------------------------------------------------------------------------------------
alter policy clinician_centres_insert_authenticated on public.clinician_centres
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy clinician_centres_delete_authenticated on public.clinician_centres
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.services
-- ---------------------------------------------------------------------------------------------
alter policy services_insert_authenticated on public.services
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy services_update_authenticated on public.services
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy services_delete_authenticated on public.services
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.clinician_services
-- ---------------------------------------------------------------------------------------------
alter policy clinician_services_insert_authenticated on public.clinician_services
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy clinician_services_update_authenticated on public.clinician_services
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
alter policy clinician_services_delete_authenticated on public.clinician_services
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.resources
-- ---------------------------------------------------------------------------------------------
alter policy resources_insert_authenticated on public.resources
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
alter policy resources_update_authenticated on public.resources
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
alter policy resources_delete_authenticated on public.resources
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));

-- ---------------------------------------------------------------------------------------------
-- public.availability_rules
-- ---------------------------------------------------------------------------------------------
alter policy availability_rules_insert_authenticated on public.availability_rules
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy availability_rules_update_authenticated on public.availability_rules
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy availability_rules_delete_authenticated on public.availability_rules
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );

-- ---------------------------------------------------------------------------------------------
-- public.availability_overrides
-- ---------------------------------------------------------------------------------------------
alter policy availability_overrides_insert_authenticated on public.availability_overrides
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy availability_overrides_update_authenticated on public.availability_overrides
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy availability_overrides_delete_authenticated on public.availability_overrides
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );

-- ---------------------------------------------------------------------------------------------
-- public.time_off
-- ---------------------------------------------------------------------------------------------
alter policy time_off_insert_authenticated on public.time_off
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy time_off_update_authenticated on public.time_off
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
alter policy time_off_delete_authenticated on public.time_off
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );

-- ---------------------------------------------------------------------------------------------
-- public.holidays
-- ---------------------------------------------------------------------------------------------
alter policy holidays_insert_authenticated on public.holidays
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
  );
alter policy holidays_update_authenticated on public.holidays
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
  );
alter policy holidays_delete_authenticated on public.holidays
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
  );

-- ---------------------------------------------------------------------------------------------
-- public.audit_log
-- ---------------------------------------------------------------------------------------------
alter policy audit_log_select_authenticated on public.audit_log
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.tenant_payment_settings
-- ---------------------------------------------------------------------------------------------
alter policy tenant_payment_settings_select_authenticated on public.tenant_payment_settings
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.notification_templates
-- ---------------------------------------------------------------------------------------------
alter policy notification_templates_insert_authenticated on public.notification_templates
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
alter policy notification_templates_update_authenticated on public.notification_templates
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
alter policy notification_templates_delete_authenticated on public.notification_templates
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

-- ---------------------------------------------------------------------------------------------
-- public.notifications
-- ---------------------------------------------------------------------------------------------
alter policy notifications_select_authenticated on public.notifications
  using (
    tenant_id in (select private.tenant_ids_with_role(private.messaging_roles()))
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
