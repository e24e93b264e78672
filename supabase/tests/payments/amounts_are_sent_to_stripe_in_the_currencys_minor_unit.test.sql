-- Stripe takes amounts in the currency's minor unit: 0 decimals for the zero-decimal currencies
-- (BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF), 3 for BHD JOD KWD OMR TND,
-- 2 for the rest. An amount with more decimals than the currency has is PT422.
begin;
select plan(6);

-- TEST
select is(array(select private.currency_minor_unit_exponent(c)
                from unnest(array['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']) as c),
  array_fill(0, array[16]), 'the sixteen zero-decimal currencies have no minor unit');
select is(array(select private.currency_minor_unit_exponent(c) from unnest(array['BHD', 'JOD', 'KWD', 'OMR', 'TND']) as c),
  array_fill(3, array[5]), 'the five three-decimal currencies');
select results_eq($$ select private.to_minor_units(12.5, 'GBP'), private.to_minor_units(5000, 'jpy'), private.to_minor_units(12.345, 'KWD'),
                            private.to_minor_units(0.5, 'USD') $$,
  $$ values (1250::bigint, 5000::bigint, 12345::bigint, 50::bigint) $$, '12.50 GBP = 1250, 5000 JPY = 5000, 12.345 KWD = 12345, 0.50 USD = 50');
select throws_ok($$ select private.to_minor_units(10.5, 'JPY') $$, 'PT422', '10.5 cannot be charged in JPY', 'half a yen cannot be charged');
select throws_ok($$ select private.to_minor_units(1.001, 'EUR') $$, 'PT422', null, 'a tenth of a cent cannot be charged');
select results_eq($$ select private.from_minor_units(1250, 'GBP'), private.from_minor_units(5000, 'JPY'), private.from_minor_units(12345, 'KWD') $$,
  $$ values (12.50::numeric, 5000::numeric, 12.345::numeric) $$, 'and back');

select * from finish();
rollback;
