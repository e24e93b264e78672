-- Currencies come from ISO 4217, with their minor units, in one place.
--
-- The currency_code domain accepted any three capitals ('ZZZ'), and the exponent of an amount in
-- minor units was a list of exceptions inside private.currency_minor_unit_exponent. Now
-- private.iso_4217_currencies() is the list: every currency in circulation (funds, precious metals,
-- the SDR and the testing codes are not money a clinic charges) with its ISO minor unit, and the
-- exponent Stripe takes for it: Stripe's zero-decimal and three-decimal lists, two decimals for
-- every other currency (so MGA 0: Stripe charges whole ariary; ISK 2: two decimals of whole
-- krónur; IQD and LYD 2). Used by:
--   * the currency_code domain (tenants, services, clinicians, payments, refunds): ISO codes only;
--   * prices: an amount has at most the currency's ISO decimals (private.fits_minor_unit, checked
--     on services and clinicians in 20261205150700);
--   * payments: private.currency_minor_unit_exponent / to_minor_units / from_minor_units.
-- The domain constraint is NOT VALID: it checks every value written from now on; rows written
-- before (payments and refunds are history) are not rewritten.

create function private.iso_4217_currencies()
returns table (code text, minor_unit integer, stripe_exponent integer)
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The ISO 4217 currencies in circulation (list one, without funds, precious metals, the SDR and
   * the testing codes): code, the ISO minor unit (decimals of a price) and the exponent Stripe
   * takes for its amounts in minor units (Stripe's zero- and three-decimal lists, else 2: it
   * differs from the ISO one for MGA 0, ISK 2, IQD 2, LYD 2).
   * Example: select * from private.iso_4217_currencies() where code = 'KWD';  -- KWD | 3 | 3
   */
  select v.code, v.minor_unit, v.stripe_exponent
  from (values
    ('AED', 2, 2), ('AFN', 2, 2), ('ALL', 2, 2), ('AMD', 2, 2), ('ANG', 2, 2), ('AOA', 2, 2), ('ARS', 2, 2), ('AUD', 2, 2),
    ('AWG', 2, 2), ('AZN', 2, 2), ('BAM', 2, 2), ('BBD', 2, 2), ('BDT', 2, 2), ('BGN', 2, 2), ('BHD', 3, 3), ('BIF', 0, 0),
    ('BMD', 2, 2), ('BND', 2, 2), ('BOB', 2, 2), ('BRL', 2, 2), ('BSD', 2, 2), ('BTN', 2, 2), ('BWP', 2, 2), ('BYN', 2, 2),
    ('BZD', 2, 2), ('CAD', 2, 2), ('CDF', 2, 2), ('CHF', 2, 2), ('CLP', 0, 0), ('CNY', 2, 2), ('COP', 2, 2), ('CRC', 2, 2),
    ('CUP', 2, 2), ('CVE', 2, 2), ('CZK', 2, 2), ('DJF', 0, 0), ('DKK', 2, 2), ('DOP', 2, 2), ('DZD', 2, 2), ('EGP', 2, 2),
    ('ERN', 2, 2), ('ETB', 2, 2), ('EUR', 2, 2), ('FJD', 2, 2), ('FKP', 2, 2), ('GBP', 2, 2), ('GEL', 2, 2), ('GHS', 2, 2),
    ('GIP', 2, 2), ('GMD', 2, 2), ('GNF', 0, 0), ('GTQ', 2, 2), ('GYD', 2, 2), ('HKD', 2, 2), ('HNL', 2, 2), ('HTG', 2, 2),
    ('HUF', 2, 2), ('IDR', 2, 2), ('ILS', 2, 2), ('INR', 2, 2), ('IQD', 3, 2), ('IRR', 2, 2), ('ISK', 0, 2), ('JMD', 2, 2),
    ('JOD', 3, 3), ('JPY', 0, 0), ('KES', 2, 2), ('KGS', 2, 2), ('KHR', 2, 2), ('KMF', 0, 0), ('KPW', 2, 2), ('KRW', 0, 0),
    ('KWD', 3, 3), ('KYD', 2, 2), ('KZT', 2, 2), ('LAK', 2, 2), ('LBP', 2, 2), ('LKR', 2, 2), ('LRD', 2, 2), ('LSL', 2, 2),
    ('LYD', 3, 2), ('MAD', 2, 2), ('MDL', 2, 2), ('MGA', 2, 0), ('MKD', 2, 2), ('MMK', 2, 2), ('MNT', 2, 2), ('MOP', 2, 2),
    ('MRU', 2, 2), ('MUR', 2, 2), ('MVR', 2, 2), ('MWK', 2, 2), ('MXN', 2, 2), ('MYR', 2, 2), ('MZN', 2, 2), ('NAD', 2, 2),
    ('NGN', 2, 2), ('NIO', 2, 2), ('NOK', 2, 2), ('NPR', 2, 2), ('NZD', 2, 2), ('OMR', 3, 3), ('PAB', 2, 2), ('PEN', 2, 2),
    ('PGK', 2, 2), ('PHP', 2, 2), ('PKR', 2, 2), ('PLN', 2, 2), ('PYG', 0, 0), ('QAR', 2, 2), ('RON', 2, 2), ('RSD', 2, 2),
    ('RUB', 2, 2), ('RWF', 0, 0), ('SAR', 2, 2), ('SBD', 2, 2), ('SCR', 2, 2), ('SDG', 2, 2), ('SEK', 2, 2), ('SGD', 2, 2),
    ('SHP', 2, 2), ('SLE', 2, 2), ('SOS', 2, 2), ('SRD', 2, 2), ('SSP', 2, 2), ('STN', 2, 2), ('SVC', 2, 2), ('SYP', 2, 2),
    ('SZL', 2, 2), ('THB', 2, 2), ('TJS', 2, 2), ('TMT', 2, 2), ('TND', 3, 3), ('TOP', 2, 2), ('TRY', 2, 2), ('TTD', 2, 2),
    ('TWD', 2, 2), ('TZS', 2, 2), ('UAH', 2, 2), ('UGX', 0, 0), ('USD', 2, 2), ('UYU', 2, 2), ('UZS', 2, 2), ('VED', 2, 2),
    ('VES', 2, 2), ('VND', 0, 0), ('VUV', 0, 0), ('WST', 2, 2), ('XAF', 0, 0), ('XCD', 2, 2), ('XCG', 2, 2), ('XOF', 0, 0),
    ('XPF', 0, 0), ('YER', 2, 2), ('ZAR', 2, 2), ('ZMW', 2, 2), ('ZWG', 2, 2)
  ) as v (code, minor_unit, stripe_exponent)
$$;
comment on function private.iso_4217_currencies() is
  'ISO 4217 currencies in circulation with their minor unit (decimals of a price) and the exponent Stripe takes (its zero- and three-decimal lists, else 2): the one list behind the currency_code domain, price checks and amounts in minor units.';
revoke execute on function private.iso_4217_currencies() from public, anon, authenticated, service_role;

create function private.is_iso_currency(value text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when value is an ISO 4217 currency code in circulation (upper case), null for null.
   * Example: select private.is_iso_currency('GBP'), private.is_iso_currency('ZZZ');  -- t, f
   */
  select case when value is null then null
              else exists (select 1 from private.iso_4217_currencies() as c where c.code = value) end
$$;
comment on function private.is_iso_currency(text) is
  'The check of the currency_code domain: an ISO 4217 currency in circulation (private.iso_4217_currencies).';
revoke execute on function private.is_iso_currency(text) from public, anon, authenticated, service_role;
grant execute on function private.is_iso_currency(text) to authenticated, service_role;

create function private.fits_minor_unit(amount numeric, currency text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when amount is a finite number with at most the currency's ISO decimals (12.50 GBP, 5000
   * JPY, 1.250 KWD; not 10.50 JPY, not NaN); null when either is null or the currency is unknown.
   * Example: select private.fits_minor_unit(10.5, 'JPY');  -- false
   */
  select amount <> 'NaN'::numeric and amount = pg_catalog.round(amount, c.minor_unit)
  from private.iso_4217_currencies() as c
  where c.code = currency
$$;
comment on function private.fits_minor_unit(numeric, text) is
  'A price check: the amount is a number (not NaN) with at most the ISO 4217 minor unit of its currency in decimals.';
revoke execute on function private.fits_minor_unit(numeric, text) from public, anon, authenticated, service_role;
grant execute on function private.fits_minor_unit(numeric, text) to authenticated, service_role;

alter domain public.currency_code add constraint currency_code_iso_4217 check (private.is_iso_currency(value)) not valid;
comment on constraint currency_code_iso_4217 on domain public.currency_code is
  'An ISO 4217 currency in circulation (private.iso_4217_currencies), e.g. GBP, INR, JPY; not ZZZ.';
comment on domain public.currency_code is
  'ISO 4217 currency code in circulation, upper case (e.g. GBP, USD, INR): private.iso_4217_currencies.';

create or replace function private.currency_minor_unit_exponent(currency text)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Number of decimals of the currency's minor unit as Stripe takes amounts in it
   * (private.iso_4217_currencies: Stripe's zero- and three-decimal lists, else 2); null for a code
   * that is not an ISO 4217 currency.
   * Parameters: currency  ISO 4217 code (any case).
   * Example:    select private.currency_minor_unit_exponent('JPY');  -- 0
   */
  select c.stripe_exponent from private.iso_4217_currencies() as c where c.code = pg_catalog.upper(currency)
$$;
comment on function private.currency_minor_unit_exponent(text) is
  'Decimals of the minor unit Stripe takes amounts in for a currency (Stripe''s zero- and three-decimal lists, else 2), from private.iso_4217_currencies; null for an unknown code.';

create or replace function private.to_minor_units(amount numeric, currency text)
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
 * Errors:     PT422 when the amount is not a finite number, has more decimals than the currency
 *             allows (e.g. 10.50 JPY) or the currency is not an ISO 4217 one.
 * Example:    select private.to_minor_units(12.5, 'GBP');  -- 1250
 */
declare
  v_exponent integer := private.currency_minor_unit_exponent(currency);
  v_scaled numeric;
begin
  if amount is null then
    return null;
  end if;
  if v_exponent is null or amount = 'NaN'::numeric or amount in ('Infinity'::numeric, '-Infinity'::numeric) then
    raise exception using errcode = 'PT422',
      message = pg_catalog.format('%s cannot be charged in %s', amount, currency),
      hint = 'Set a price that is a number, in an ISO 4217 currency (e.g. GBP, INR, JPY).';
  end if;
  v_scaled := amount * (10::numeric ^ v_exponent);
  if v_scaled <> pg_catalog.trunc(v_scaled) then
    raise exception using errcode = 'PT422',
      message = pg_catalog.format('%s cannot be charged in %s', amount, currency),
      hint = pg_catalog.format('%s has %s decimals: set the price in whole units of it.', currency, v_exponent);
  end if;
  return v_scaled::bigint;
end
$$;

-- the domain and price checks run as whoever writes the row
grant execute on function private.iso_4217_currencies() to authenticated, service_role;
