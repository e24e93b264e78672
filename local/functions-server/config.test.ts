import { deepStrictEqual, equal, rejects, throws } from 'node:assert/strict';
import { ConfigError, parseFunctionsConfig, readFunctionsConfig, settingsFor } from './config.ts';
import { parse as parseToml } from 'npm:smol-toml@1.9.1';

const repoConfig = new URL('../../supabase/config.toml', import.meta.url);

Deno.test('reads the project config: health is declared with verify_jwt = false', async () => {
  const config = await readFunctionsConfig(repoConfig.pathname);
  deepStrictEqual(settingsFor(config, 'health'), { verifyJwt: false, enabled: true, importMap: new URL('../../supabase/functions/deno.json', import.meta.url).pathname });
});

Deno.test('functions without a [functions.<name>] section get the platform defaults', () => {
  const config = parseFunctionsConfig('[functions.other]\nverify_jwt = false\n');
  deepStrictEqual(settingsFor(config, 'not-declared'), { verifyJwt: true, enabled: true });
});

Deno.test('reads verify_jwt and enabled per function', () => {
  const config = parseFunctionsConfig(`
project_id = "demo"

[functions.stripe-webhook]
verify_jwt = false # signed by Stripe instead

[functions.legacy]
enabled = false

[functions."send-sms-hook"]
verify_jwt = false
enabled = true
`);
  deepStrictEqual(settingsFor(config, 'stripe-webhook'), { verifyJwt: false, enabled: true });
  deepStrictEqual(settingsFor(config, 'legacy'), { verifyJwt: true, enabled: false });
  deepStrictEqual(settingsFor(config, 'send-sms-hook'), { verifyJwt: false, enabled: true });
});

Deno.test('accepts the other TOML spellings of the same settings', () => {
  const dotted = parseFunctionsConfig('functions.a.verify_jwt = false\n');
  const inline = parseFunctionsConfig('[functions]\nb = { verify_jwt = false, enabled = false }\n');
  equal(settingsFor(dotted, 'a').verifyJwt, false);
  deepStrictEqual(settingsFor(inline, 'b'), { verifyJwt: false, enabled: false });
});

Deno.test('is not fooled by table-like text inside strings', () => {
  const config = parseFunctionsConfig(`
[auth.sms]
template = """
[functions.fake]
verify_jwt = false
"""
note = '[functions.fake2] # not a table'
`);
  deepStrictEqual([...config.declared.keys()], []);
});

Deno.test('lists the keys it does not implement instead of silently dropping them', () => {
  const config = parseFunctionsConfig('[functions.a]\nverify_jwt = false\nstatic_files = ["./a/*.html"]\n');
  deepStrictEqual(config.ignoredKeys, ['functions.a.static_files']);
});

Deno.test('reads import_map relative to the folder of config.toml, like the CLI', async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/config.toml`, '[functions.a]\nimport_map = "./functions/deno.json"\n');
    const config = await readFunctionsConfig(`${dir}/config.toml`);
    equal(settingsFor(config, 'a').importMap, `${dir}/functions/deno.json`);
    equal(settingsFor(config, 'b').importMap, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  throws(() => parseFunctionsConfig('[functions.a]\nimport_map = true\n'), ConfigError);
});

Deno.test('refuses verify_jwt values that are not booleans, naming the function', () => {
  throws(() => parseFunctionsConfig('[functions.a]\nverify_jwt = "false"\n'), (error: unknown) => {
    equal(error instanceof ConfigError, true);
    equal((error as Error).message, 'config.toml: [functions.a] verify_jwt must be true or false, not "false"');
    return true;
  });
});

Deno.test('reports TOML syntax errors with the file and line', () => {
  throws(() => parseFunctionsConfig('[functions.a]\nverify_jwt = \n', 'supabase/config.toml'), {
    name: 'ConfigError',
    message: /^supabase\/config\.toml: Invalid TOML document: invalid value\n\n1: {2}\[functions\.a\]\n2: {2}verify_jwt = /,
  });
  throws(() => parseFunctionsConfig('[functions.a]\n[functions.a]\n'), { name: 'ConfigError', message: /^config\.toml: Invalid TOML document/ });
});

Deno.test('a missing config file means no declarations', async () => {
  const config = await readFunctionsConfig('/nonexistent/config.toml');
  deepStrictEqual(settingsFor(config, 'anything'), { verifyJwt: true, enabled: true });
});

Deno.test('an unreadable config path is an error, not "no declarations"', async () => {
  await rejects(readFunctionsConfig(new URL('.', import.meta.url).pathname)); // a directory
});

Deno.test('parses the whole project config with the values the stack relies on', async () => {
  const document = parseToml(await Deno.readTextFile(repoConfig)) as Record<string, Record<string, unknown>>;
  equal(document.project_id, 'slotbase');
  equal(document.db?.port, 54322);
  deepStrictEqual(document.api?.schemas, ['public', 'graphql_public']);
  deepStrictEqual({ ...(document.functions as Record<string, object>).health }, { verify_jwt: false, import_map: './functions/deno.json' });
});
