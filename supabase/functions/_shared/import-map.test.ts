// The functions' one import map (supabase/functions/deno.json) pins every npm package exactly, to
// the version package.json and package-lock.json name: vitest runs the same handlers with the
// packages from node_modules, so a drift would test other code than the one deployed. And no
// function file pins a package itself.
import { deepStrictEqual, equal, ok } from 'node:assert/strict';

const functionsDir = new URL('../', import.meta.url);
const repoRoot = new URL('../../../', import.meta.url);

const readJson = async (url: URL) => JSON.parse(await Deno.readTextFile(url)) as Record<string, unknown>;

const denoJson = await readJson(new URL('deno.json', functionsDir)) as { imports?: Record<string, string> };
const packageJson = await readJson(new URL('package.json', repoRoot)) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const packageLock = await readJson(new URL('package-lock.json', repoRoot)) as { packages?: Record<string, { version?: string }> };
const imports = denoJson.imports ?? {};

/** `npm:<name>@<exact version>` → [name, version], else null. */
function npmPin(target: string): [string, string] | null {
  const match = /^npm:((?:@[a-z0-9-._~]+\/)?[a-z0-9-._~]+)@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(target);
  return match ? [match[1] as string, match[2] as string] : null;
}

Deno.test('every import map entry is an npm package pinned to one exact version, under its own name', () => {
  ok(Object.keys(imports).length > 0, 'deno.json has imports');
  for (const [name, target] of Object.entries(imports)) {
    const pin = npmPin(target);
    ok(pin, `${name}: ${target} is not npm:<name>@<exact version>`);
    equal(pin[0], name, `${name} maps to another package (${pin[0]})`);
  }
});

Deno.test('the import map pins exactly the versions package.json and package-lock.json name', () => {
  const declared = { ...packageJson.dependencies, ...packageJson.devDependencies };
  for (const [name, target] of Object.entries(imports)) {
    const [, version] = npmPin(target) ?? [name, ''];
    equal(declared[name], version, `package.json must pin ${name} to exactly ${version} (as supabase/functions/deno.json does)`);
    equal(packageLock.packages?.[`node_modules/${name}`]?.version, version, `package-lock.json installs another ${name}: run npm install`);
  }
});

async function* sourceFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) yield* sourceFiles(new URL(`${entry.name}/`, dir));
    else if (entry.name.endsWith('.ts')) yield new URL(entry.name, dir);
  }
}

Deno.test('function code imports packages only through the import map (or node: built-ins and relative paths)', async () => {
  const strays: string[] = [];
  for await (const file of sourceFiles(functionsDir)) {
    const text = await Deno.readTextFile(file);
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
      ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1]);
    for (const specifier of specifiers) {
      // A mapped package's own subpath export (csv-parse/sync) resolves through its entry.
      const packageName = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
      const allowed = specifier!.startsWith('./') || specifier!.startsWith('../') || specifier!.startsWith('node:') ||
        Object.hasOwn(imports, specifier!) || Object.hasOwn(imports, packageName);
      if (!allowed) strays.push(`${file.pathname.slice(functionsDir.pathname.length)}: ${specifier}`);
    }
  }
  deepStrictEqual(strays, [], 'add the package to supabase/functions/deno.json (and package.json) and import it by name');
});
