-- The demo seed (supabase/seed.sql) has a clinic in India for the Razorpay path of the docs and
-- `npm run demo -- --provider=razorpay`: Deccan Mind Care (Asia/Kolkata, INR) on Razorpay with a
-- Route linked account, a paid service, a psychiatrist with hours, a patient with a phone
-- account; and its patient's payments open with Razorpay, in INR paise.
begin;
select plan(5);

select results_eq(
  $$ select t.slug::text, t.timezone::text, t.currency::text, s.provider::text, s.razorpay_account_id
     from public.tenants as t join public.tenant_payment_settings as s on s.tenant_id = t.id
     where t.id = 'b0000000-0000-4000-8000-000000000003' $$,
  $$ values ('deccan-mind-care', 'Asia/Kolkata', 'INR', 'razorpay', 'acc_DeccanMindCare1') $$,
  'Deccan Mind Care: Asia/Kolkata, INR, Razorpay with a Route linked account');
select results_eq(
  $$ select r.role::text from public.member_roles as r where r.tenant_id = 'b0000000-0000-4000-8000-000000000003' order by r.role $$,
  $$ values ('owner'), ('clinician'), ('front_desk') $$,
  'an owner, a clinician and a front desk');
select isnt_empty(
  $$ select 1 from public.services where tenant_id = 'b0000000-0000-4000-8000-000000000003' and payment_required and currency = 'INR' $$,
  'services paid when booking, in INR');
select isnt_empty(
  $$ select 1 from public.search_slots(service_id => '92000000-0000-4000-8000-000000000021', centre_id => 'c0000000-0000-4000-8000-000000000021',
                                       window_start => now() + interval '1 day', window_end => now() + interval '8 days') $$,
  'the psychiatric consultation has free times in the coming week');

-- Aarav Shah books and opens a payment: Razorpay, 2500.00 INR = 250000 paise, to the linked account
select set_config('role', 'authenticated', true),
       set_config('request.jwt.claims', '{"sub": "a0000000-0000-4000-8000-000000000103", "role": "authenticated", "aud": "authenticated"}', true);
select results_eq(
  $$ with slot as (
       select s.starts_at, s.clinician_id from public.search_slots(service_id => '92000000-0000-4000-8000-000000000021',
                                                                   centre_id => 'c0000000-0000-4000-8000-000000000021',
                                                                   window_start => now() + interval '1 day', window_end => now() + interval '8 days') as s
       order by s.starts_at limit 1),
     booked as (
       select a.id from slot, public.book_appointment(service_id => '92000000-0000-4000-8000-000000000021', clinician_id => slot.clinician_id,
                                                      centre_id => 'c0000000-0000-4000-8000-000000000021', starts_at => slot.starts_at) as a)
     select p.provider::text, p.currency, p.amount_minor, p.razorpay_account_id, p.merchant_name
     from booked, public.open_payment(booked.id, 'payment_intent') as p $$,
  $$ values ('razorpay', 'INR', 250000::bigint, 'acc_DeccanMindCare1', 'Deccan Mind Care') $$,
  'its patient''s payment opens with Razorpay in paise, to the linked account');

select * from finish();
rollback;
