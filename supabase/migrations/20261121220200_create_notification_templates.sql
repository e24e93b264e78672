-- Message templates (issue 5, notifications): built-in defaults in private and per-tenant
-- overrides in public. A message is rendered when the dispatcher claims it
-- (private.render_notification, 20261121220500): the template of the notification's kind and
-- channel in the first language of the chain
--   patient.preferred_language -> its primary subtag -> tenant.locale -> its primary subtag -> en
-- for which a tenant override or a built-in default exists (per language: override first).
--
-- Placeholders (`{{name}}`; unknown ones render empty; values are inserted as plain text, in one
-- pass, so a value that looks like a placeholder stays literal):
--   {{patient_name}} {{clinic_name}} {{service_name}} {{centre_name}} {{starts_at_local}}
--   {{previous_starts_at_local}} {{payment_url}} {{amount}} {{offer_expires_at_local}}
-- Messages are plain text (SMS and the text part of e-mail); nothing is rendered as HTML.
--
-- public.notification_templates: owners and admins write their tenant's overrides, any staff of
-- the tenant reads them; anon and patients nothing. private.default_notification_templates: not
-- exposed (read by the definer renderer).

create table private.default_notification_templates (
  kind public.notification_kind not null,
  channel public.contact_channel not null,
  language public.language_tag not null,
  subject text null,
  body text not null,
  constraint default_notification_templates_pkey primary key (kind, channel, language),
  constraint default_notification_templates_subject_iff_email check ((channel = 'email') = (subject is not null)),
  constraint default_notification_templates_body_not_blank check (pg_catalog.btrim(body) <> '')
);
alter table private.default_notification_templates enable row level security;
comment on table private.default_notification_templates is
  'Built-in message templates for every kind x channel in en and es, used when a tenant has no override (public.notification_templates) in the resolved language. Not exposed; read by private.render_notification.';
comment on column private.default_notification_templates.kind is 'What the message is about.';
comment on column private.default_notification_templates.channel is 'sms or email.';
comment on column private.default_notification_templates.language is 'Language of the text (en, es).';
comment on column private.default_notification_templates.subject is 'E-mail subject (placeholders allowed); null for sms.';
comment on column private.default_notification_templates.body is 'Message text with {{placeholders}}.';
comment on constraint default_notification_templates_subject_iff_email on private.default_notification_templates is 'E-mails have a subject, text messages none.';
comment on constraint default_notification_templates_body_not_blank on private.default_notification_templates is 'A template says something.';
revoke all on table private.default_notification_templates from anon, authenticated, service_role;

with sentences (kind, language, subject, sentence) as (values
  ('booking_confirmed'::public.notification_kind, 'en', 'Booking confirmed: {{service_name}} on {{starts_at_local}}',
   'your {{service_name}} is booked for {{starts_at_local}} at {{centre_name}}.'),
  ('booking_rescheduled', 'en', 'Appointment moved: {{service_name}} now on {{starts_at_local}}',
   'your {{service_name}} has moved from {{previous_starts_at_local}} to {{starts_at_local}} at {{centre_name}}.'),
  ('booking_cancelled', 'en', 'Appointment cancelled: {{service_name}} on {{starts_at_local}}',
   'your {{service_name}} on {{starts_at_local}} at {{centre_name}} has been cancelled.'),
  ('payment_link', 'en', 'Payment needed for {{service_name}} on {{starts_at_local}}',
   'please pay {{amount}} to confirm your {{service_name}} on {{starts_at_local}}: {{payment_url}}'),
  ('payment_receipt', 'en', 'Payment received: {{amount}}',
   'we received your payment of {{amount}} for {{service_name}} on {{starts_at_local}}. Thank you.'),
  ('waitlist_offer', 'en', 'A place is free: {{service_name}} on {{starts_at_local}}',
   'a place is free for {{service_name}} on {{starts_at_local}} at {{centre_name}}. We hold it for you until {{offer_expires_at_local}}.'),
  ('reminder', 'en', 'Reminder: {{service_name}} on {{starts_at_local}}',
   'this is a reminder of your {{service_name}} on {{starts_at_local}} at {{centre_name}}.'),
  ('booking_confirmed', 'es', 'Cita confirmada: {{service_name}} el {{starts_at_local}}',
   'su cita de {{service_name}} está reservada para el {{starts_at_local}} en {{centre_name}}.'),
  ('booking_rescheduled', 'es', 'Cita cambiada: {{service_name}} ahora el {{starts_at_local}}',
   'su cita de {{service_name}} ha cambiado del {{previous_starts_at_local}} al {{starts_at_local}} en {{centre_name}}.'),
  ('booking_cancelled', 'es', 'Cita cancelada: {{service_name}} el {{starts_at_local}}',
   'su cita de {{service_name}} del {{starts_at_local}} en {{centre_name}} ha sido cancelada.'),
  ('payment_link', 'es', 'Pago pendiente: {{service_name}} el {{starts_at_local}}',
   'pague {{amount}} para confirmar su cita de {{service_name}} del {{starts_at_local}}: {{payment_url}}'),
  ('payment_receipt', 'es', 'Pago recibido: {{amount}}',
   'hemos recibido su pago de {{amount}} por {{service_name}} del {{starts_at_local}}. Gracias.'),
  ('waitlist_offer', 'es', 'Hay un hueco libre: {{service_name}} el {{starts_at_local}}',
   'hay un hueco libre para {{service_name}} el {{starts_at_local}} en {{centre_name}}. Se lo reservamos hasta el {{offer_expires_at_local}}.'),
  ('reminder', 'es', 'Recordatorio: {{service_name}} el {{starts_at_local}}',
   'le recordamos su cita de {{service_name}} el {{starts_at_local}} en {{centre_name}}.')
)
insert into private.default_notification_templates (kind, channel, language, subject, body)
select s.kind, 'sms'::public.contact_channel, s.language::public.language_tag, null::text, '{{clinic_name}}: ' || s.sentence
from sentences as s
union all
select s.kind, 'email'::public.contact_channel, s.language::public.language_tag, s.subject,
       case s.language when 'es' then 'Hola, {{patient_name}}:' else 'Hello {{patient_name}},' end
       || E'\n\n' || pg_catalog.upper(pg_catalog.left(s.sentence, 1)) || pg_catalog.substr(s.sentence, 2)
       || E'\n\n' || '{{clinic_name}}'
from sentences as s;

create table public.notification_templates (
  tenant_id uuid not null,
  kind public.notification_kind not null,
  channel public.contact_channel not null,
  language public.language_tag not null,
  subject text null,
  body text not null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint notification_templates_pkey primary key (tenant_id, kind, channel, language),
  constraint notification_templates_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete cascade,
  constraint notification_templates_subject_iff_email check ((channel = 'email') = (subject is not null)),
  constraint notification_templates_subject_length check (pg_catalog.btrim(subject) <> '' and pg_catalog.char_length(subject) <= 200),
  constraint notification_templates_body_length check (
    pg_catalog.btrim(body) <> ''
    and pg_catalog.char_length(body) <= case channel when 'sms' then 1600 else 10000 end)
);
alter table public.notification_templates enable row level security;

comment on table public.notification_templates is
  'A tenant''s own wording of a message (kind x channel x language), used instead of the built-in default (private.default_notification_templates) in that language. Placeholders {{patient_name}} {{clinic_name}} {{service_name}} {{centre_name}} {{starts_at_local}} {{previous_starts_at_local}} {{payment_url}} {{amount}} {{offer_expires_at_local}}; unknown ones render empty. Owners and admins write, staff of the tenant read. See docs/notifications.md.';
comment on column public.notification_templates.tenant_id is 'Tenant whose messages use this template.';
comment on column public.notification_templates.kind is 'What the message is about (public.notification_kind).';
comment on column public.notification_templates.channel is 'sms or email.';
comment on column public.notification_templates.language is 'Language of the text (BCP 47, e.g. en, es, en-GB); matched exactly against the language chain of the patient and tenant.';
comment on column public.notification_templates.subject is 'E-mail subject with placeholders (required for email, null for sms), at most 200 characters.';
comment on column public.notification_templates.body is 'Plain-text message with placeholders: at most 1600 characters for sms (10 segments), 10000 for email.';
comment on column public.notification_templates.created_at is 'When the override was created.';
comment on column public.notification_templates.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint notification_templates_tenant_id_fkey on public.notification_templates is 'Templates belong to a tenant and go with it.';
comment on constraint notification_templates_subject_iff_email on public.notification_templates is 'E-mails have a subject, text messages none.';
comment on constraint notification_templates_subject_length on public.notification_templates is 'A subject is not blank and at most 200 characters.';
comment on constraint notification_templates_body_length on public.notification_templates is 'A body is not blank; at most 1600 characters for sms, 10000 for email.';

create trigger set_updated_at before update on public.notification_templates
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.notification_templates is 'Keeps updated_at current.';

create policy notification_templates_select_authenticated on public.notification_templates
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy notification_templates_select_authenticated on public.notification_templates is
  'Any staff member of the tenant reads its message templates.';

create policy notification_templates_insert_authenticated on public.notification_templates
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy notification_templates_insert_authenticated on public.notification_templates is
  'Owners and admins add message templates for their tenant.';

create policy notification_templates_update_authenticated on public.notification_templates
  for update
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])))
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy notification_templates_update_authenticated on public.notification_templates is
  'Owners and admins change their tenant''s message templates.';

create policy notification_templates_delete_authenticated on public.notification_templates
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy notification_templates_delete_authenticated on public.notification_templates is
  'Owners and admins remove their tenant''s overrides (the built-in default applies again).';

revoke all on table public.notification_templates from anon, authenticated, service_role;
grant select, delete on table public.notification_templates to authenticated;
grant insert (tenant_id, kind, channel, language, subject, body) on table public.notification_templates to authenticated;
grant update (subject, body) on table public.notification_templates to authenticated;
grant select, insert, update, delete on table public.notification_templates to service_role;
