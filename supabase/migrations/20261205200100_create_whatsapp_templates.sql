-- public.whatsapp_templates: which approved Twilio Content template a tenant's WhatsApp message of
-- a kind and language uses. WhatsApp lets a business start a conversation only with a template
-- approved by WhatsApp, sent through Twilio as ContentSid + ContentVariables (docs/notifications.md,
-- "WhatsApp"). The template's wording lives at Twilio; here each numbered variable {{1}}, {{2}}, …
-- is mapped to one of the placeholders Slotbase fills (variables[1] fills {{1}}, and so on).
-- A message whose kind and language chain has no row here goes out by SMS instead.
-- Owners and admins write their tenant's rows; any staff member of the tenant reads them.

create function private.whatsapp_template_variables_valid(p_variables text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when every entry names a placeholder Slotbase fills (the names of
   * public.notification_templates' placeholders), with 1 to 10 entries and no null.
   * Example: select private.whatsapp_template_variables_valid(array['patient_name', 'starts_at_local']);
   */
  select pg_catalog.cardinality(p_variables) between 1 and 10
     and pg_catalog.array_position(p_variables, null) is null
     and p_variables <@ array['patient_name', 'clinic_name', 'service_name', 'centre_name', 'starts_at_local',
                              'previous_starts_at_local', 'payment_url', 'amount', 'offer_expires_at_local']
$$;
comment on function private.whatsapp_template_variables_valid(text[]) is
  'WhatsApp templates: true when the variable list names 1 to 10 known placeholders (patient_name, clinic_name, service_name, centre_name, starts_at_local, previous_starts_at_local, payment_url, amount, offer_expires_at_local).';
revoke execute on function private.whatsapp_template_variables_valid(text[]) from public, anon, authenticated, service_role;
grant execute on function private.whatsapp_template_variables_valid(text[]) to authenticated, service_role;

create table public.whatsapp_templates (
  tenant_id uuid not null,
  kind public.notification_kind not null,
  language public.language_tag not null,
  content_sid text not null,
  variables text[] not null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint whatsapp_templates_pkey primary key (tenant_id, kind, language),
  constraint whatsapp_templates_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete cascade,
  constraint whatsapp_templates_content_sid_format check (content_sid ~ '^HX[0-9a-f]{32}$'),
  constraint whatsapp_templates_variables_valid check (private.whatsapp_template_variables_valid(variables))
);
alter table public.whatsapp_templates enable row level security;

comment on table public.whatsapp_templates is
  'A tenant''s approved Twilio Content template (ContentSid) for WhatsApp messages of one kind in one language, and which placeholder fills each numbered template variable. A WhatsApp message without a template in the patient''s language chain goes by SMS. Owners and admins write, staff of the tenant read. See docs/notifications.md.';
comment on column public.whatsapp_templates.tenant_id is 'Tenant whose WhatsApp messages use this template.';
comment on column public.whatsapp_templates.kind is 'What the message is about (public.notification_kind).';
comment on column public.whatsapp_templates.language is 'Language of the approved template (BCP 47, e.g. en, hi, en-IN); matched exactly against the language chain of the patient and tenant, like notification_templates.';
comment on column public.whatsapp_templates.content_sid is 'The Twilio Content template SID (HX followed by 32 hex digits), approved by WhatsApp for business-initiated messages.';
comment on column public.whatsapp_templates.variables is 'Placeholders filling the template''s numbered variables in order: variables[1] fills {{1}}, variables[2] fills {{2}}, ... (1 to 10 of patient_name, clinic_name, service_name, centre_name, starts_at_local, previous_starts_at_local, payment_url, amount, offer_expires_at_local).';
comment on column public.whatsapp_templates.created_at is 'When the mapping was created.';
comment on column public.whatsapp_templates.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint whatsapp_templates_tenant_id_fkey on public.whatsapp_templates is 'Templates belong to a tenant and go with it.';
comment on constraint whatsapp_templates_content_sid_format on public.whatsapp_templates is 'A Twilio Content SID: HX and 32 lower-case hex digits.';
comment on constraint whatsapp_templates_variables_valid on public.whatsapp_templates is 'One to ten known placeholder names, in the order of the template''s numbered variables.';

create trigger set_updated_at before update on public.whatsapp_templates
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.whatsapp_templates is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.whatsapp_templates
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.whatsapp_templates is 'Records every change in public.audit_log.';

create policy whatsapp_templates_select_authenticated on public.whatsapp_templates
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy whatsapp_templates_select_authenticated on public.whatsapp_templates is
  'Any staff member of the tenant reads its WhatsApp template mapping.';

create policy whatsapp_templates_insert_authenticated on public.whatsapp_templates
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy whatsapp_templates_insert_authenticated on public.whatsapp_templates is
  'Owners and admins map their tenant''s WhatsApp templates.';

create policy whatsapp_templates_update_authenticated on public.whatsapp_templates
  for update
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy whatsapp_templates_update_authenticated on public.whatsapp_templates is
  'Owners and admins change their tenant''s WhatsApp templates.';

create policy whatsapp_templates_delete_authenticated on public.whatsapp_templates
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy whatsapp_templates_delete_authenticated on public.whatsapp_templates is
  'Owners and admins remove a mapping (that kind and language then goes by SMS).';

revoke all on table public.whatsapp_templates from anon, authenticated, service_role;
grant select, delete on table public.whatsapp_templates to authenticated;
grant insert (tenant_id, kind, language, content_sid, variables) on table public.whatsapp_templates to authenticated;
grant update (content_sid, variables) on table public.whatsapp_templates to authenticated;
grant select, insert, update, delete on table public.whatsapp_templates to service_role;

-- Upserts send every column they insert (keys unchanged): the keys may be sent, never changed.
grant update (tenant_id, kind, language) on table public.whatsapp_templates to authenticated;
create trigger refuse_key_change before update of tenant_id, kind, language on public.whatsapp_templates
  for each row execute function private.refuse_key_change('tenant_id', 'kind', 'language');
comment on trigger refuse_key_change on public.whatsapp_templates is 'Keys never change (PT422); upserts may send them unchanged.';
