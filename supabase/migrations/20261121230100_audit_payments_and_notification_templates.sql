-- Audit (issue 5): money and what the clinic says to patients are sensitive, so their changes are
-- recorded in public.audit_log like the other business tables (who, when, before/after, role).
-- The outbox (public.notifications) is not audited: it is itself the history of every message.

create trigger audit_changes after insert or update or delete on public.payments
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.payments is 'Records every change of a payment (opened, attached to Stripe, succeeded, failed, refunded) in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.refunds
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.refunds is 'Records every refund request and its progress in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.tenant_payment_settings
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.tenant_payment_settings is 'Records changes of a tenant''s Stripe account settings in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.notification_templates
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.notification_templates is 'Records changes of a tenant''s message templates in public.audit_log.';
