-- Bounds for the clinic-presence columns a client sets, by the same classes as every other column
-- (supabase/tests/api_surface/every_value_a_client_sets_is_bounded.test.sql):
--   * object names (photo_path, logo_path, cover_image_path, certificate_path, object_path,
--     image_paths) are already bounded by the layout every one of those CHECK constraints checks
--     (private.storage_path_belongs_to -> private.storage_object_owner: uuid folders and a file
--     name of at most 200 characters; image_paths at most 10 names);
--   * coordinates and product prices refuse NaN explicitly (NaN sorts above every number, so
--     `price >= 0` admitted it); a product price also fits its currency's minor unit, as a
--     service price does (private.fits_minor_unit).
-- Websites and social links are bounded by private.is_valid_web_url (300 characters) and
-- private.is_valid_social_links (known networks only, each a bounded URL).

alter table public.centres
  add constraint centres_coordinates_are_numbers check (latitude <> 'NaN'::numeric and longitude <> 'NaN'::numeric);
comment on constraint centres_coordinates_are_numbers on public.centres is 'Latitude and longitude are numbers, not NaN.';

alter table public.products
  add constraint products_price_fits_currency check (private.fits_minor_unit(price, currency));
comment on constraint products_price_fits_currency on public.products is
  'The price is a number (not NaN) with at most the ISO 4217 decimals of the currency (10.50 GBP, 5000 JPY; not 10.50 JPY).';
