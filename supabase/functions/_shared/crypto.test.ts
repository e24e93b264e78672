import { deepStrictEqual, equal } from 'node:assert/strict';
import { fromBase64, fromBase64Url, fromHex, hmacKey, hmacSign, hmacVerify, sha256Hex, toBase64, toHex, utf8 } from './crypto.ts';

Deno.test('base64 round-trips bytes and text; a value that is not base64 is null, never half-decoded', () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
  equal(toBase64(bytes), 'AAEC+vv8/f7/');
  deepStrictEqual(fromBase64('AAEC+vv8/f7/'), bytes);
  equal(toBase64('Clínica:secret'), 'Q2zDrW5pY2E6c2VjcmV0');
  deepStrictEqual(fromBase64('YQ=='), utf8('a'));
  deepStrictEqual(fromBase64('YQ'), utf8('a'));
  for (const bad of ['@@@@', 'YQ=x', 'Y', 'AAEC-vv8', 'YQ===', ' YQ==']) equal(fromBase64(bad), null, bad);
});

Deno.test('base64url (JWT segments) decodes without padding and refuses the standard alphabet', () => {
  deepStrictEqual(fromBase64Url('AAEC-vv8_f7_'), new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]));
  equal(new TextDecoder().decode(fromBase64Url('eyJyb2xlIjoiYW5vbiJ9')!), '{"role":"anon"}');
  equal(fromBase64Url('AAEC+vv8'), null);
  equal(fromBase64Url('eyJ9='), null);
});

Deno.test('SHA-256 and hex match the FIPS 180-2 vector', async () => {
  equal(await sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  equal(toHex(new Uint8Array([0, 15, 255])), '000fff');
});

Deno.test('hex decodes either case and refuses odd lengths and foreign characters instead of half-decoding them', () => {
  deepStrictEqual(fromHex('000fFF'), new Uint8Array([0, 15, 255]));
  deepStrictEqual(fromHex(''), new Uint8Array([]));
  for (const bad of ['0', '0g', 'zz', '00 ff', '0x00', 'ff\n']) equal(fromHex(bad), null, bad);
});

Deno.test('HMAC-SHA-256 and HMAC-SHA-1 match RFC 4231 / RFC 2202; verify accepts exactly the right signature', async () => {
  const data = 'what do ya want for nothing?';
  const sha256 = await hmacKey('SHA-256', 'Jefe');
  const sha1 = await hmacKey('SHA-1', utf8('Jefe'));
  const signature = await hmacSign(sha256, data);
  equal(toHex(signature), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  equal(toHex(await hmacSign(sha1, data)), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  equal(await hmacVerify(sha256, signature, data), true);
  const altered = signature.slice();
  altered[31] = (altered[31] as number) ^ 1;
  equal(await hmacVerify(sha256, altered, data), false);
  equal(await hmacVerify(sha256, signature.slice(0, 20), data), false);
  equal(await hmacVerify(sha256, signature, `${data}!`), false);
  equal(await hmacVerify(await hmacKey('SHA-256', 'Jeff'), signature, data), false);
});
