-- Payments (issue 5): the enums public.payment_status and public.payment_flow, and the helpers
-- that turn an amount into Stripe's minor units (private.currency_minor_unit_exponent,
-- private.to_minor_units, private.from_minor_units).
--
-- Stripe takes amounts as integers in the currency's smallest unit
-- (docs.stripe.com/currencies#zero-decimal): 0 decimals for BIF CLP DJF GNF JPY KMF KRW MGA PYG
-- RWF UGX VND VUV XAF XOF XPF, 3 for BHD JOD KWD OMR TND, 2 for everything else.

create type public.payment_status as enum (
  'requires_payment', 'processing', 'succeeded', 'failed', 'expired', 'cancelled'
);
comment on type public.payment_status is
  'State of a payment: requires_payment (created, waiting for the patient), processing (paid by a delayed method, not settled yet), succeeded (money received), failed (Stripe refused it; the hold was released), expired (the hold or the Stripe object expired first), cancelled (the appointment was cancelled before it was paid). requires_payment and processing are "open".';

create type public.payment_flow as enum ('payment_intent', 'checkout');
comment on type public.payment_flow is
  'How the patient pays: payment_intent (in the app with Stripe PaymentSheet / Elements and the client secret) or checkout (a hosted Stripe Checkout page the app redirects to).';

create function private.currency_minor_unit_exponent(currency text)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Number of decimals Stripe uses for a currency: 0 for the zero-decimal currencies, 3 for
   * BHD JOD KWD OMR TND, else 2.
   * Parameters: currency  ISO 4217 code (any case).
   * Example:    select private.currency_minor_unit_exponent('JPY');  -- 0
   */
  select case
    when pg_catalog.upper(currency) in ('BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG',
                                        'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') then 0
    when pg_catalog.upper(currency) in ('BHD', 'JOD', 'KWD', 'OMR', 'TND') then 3
    else 2
  end
$$;
comment on function private.currency_minor_unit_exponent(text) is
  'Decimals of a currency''s minor unit as Stripe counts them: 0 (BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF), 3 (BHD JOD KWD OMR TND), else 2.';
revoke execute on function private.currency_minor_unit_exponent(text) from public, anon, authenticated, service_role;

create function private.to_minor_units(amount numeric, currency text)
returns bigint
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * An amount in Stripe's minor units of the currency, e.g. 12.50 GBP -> 1250, 5000 JPY -> 5000.
 *
 * Parameters: amount  in major units; currency  ISO 4217 code.
 * Returns:    the integer amount, null for a null amount.
 * Errors:     PT422 when the amount has more decimals than the currency allows (e.g. 10.50 JPY).
 * Example:    select private.to_minor_units(12.5, 'GBP');  -- 1250
 */
declare
  v_scaled numeric := amount * (10::numeric ^ private.currency_minor_unit_exponent(currency));
begin
  if v_scaled is null then
    return null;
  end if;
  if v_scaled <> pg_catalog.trunc(v_scaled) then
    raise exception using errcode = 'PT422',
      message = pg_catalog.format('%s cannot be charged in %s', amount, currency),
      hint = pg_catalog.format('%s has %s decimals: set the price in whole units of it.', currency,
                               private.currency_minor_unit_exponent(currency));
  end if;
  return v_scaled::bigint;
end
$$;
comment on function private.to_minor_units(numeric, text) is
  'Amount in the currency''s minor units as Stripe wants it (12.50 GBP -> 1250, 5000 JPY -> 5000); PT422 when the amount has more decimals than the currency.';
revoke execute on function private.to_minor_units(numeric, text) from public, anon, authenticated, service_role;

create function private.from_minor_units(amount_minor bigint, currency text)
returns numeric
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * An amount in minor units back in major units (1250 GBP -> 12.50, 5000 JPY -> 5000).
   * Example: select private.from_minor_units(1250, 'GBP');  -- 12.50
   */
  select pg_catalog.round(amount_minor::numeric / (10::numeric ^ private.currency_minor_unit_exponent(currency)),
                          private.currency_minor_unit_exponent(currency))
$$;
comment on function private.from_minor_units(bigint, text) is
  'Amount in major units from Stripe''s minor units (1250 GBP -> 12.50).';
revoke execute on function private.from_minor_units(bigint, text) from public, anon, authenticated, service_role;
