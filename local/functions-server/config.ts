// The `[functions.<name>]` tables of supabase/config.toml, as `supabase functions serve` reads
// them: `verify_jwt` (default true), `enabled` (default true; false = not served) and
// `import_map` (a path relative to config.toml's folder, like the CLI resolves it).
import { dirname, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'npm:smol-toml@1.9.1';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface FunctionSettings {
  verifyJwt: boolean;
  enabled: boolean;
  /** The import map / deno.json the function runs with; absent: Deno looks for a deno.json itself. */
  importMap?: string;
}

export interface FunctionsConfig {
  /** Settings declared per function; functions not listed get the defaults. */
  declared: Map<string, Partial<FunctionSettings>>;
  /** `[functions.<name>]` keys this server does not implement (entrypoint, import_map, ...). */
  ignoredKeys: string[];
}

export const defaultFunctionSettings: FunctionSettings = { verifyJwt: true, enabled: true };

const booleanKeys: Record<string, 'verifyJwt' | 'enabled'> = { verify_jwt: 'verifyJwt', enabled: 'enabled' };

export function parseFunctionsConfig(tomlText: string, source = 'config.toml'): FunctionsConfig {
  let document: Record<string, unknown>;
  try {
    document = parseToml(tomlText);
  } catch (error) {
    if (error instanceof TomlError) throw new ConfigError(`${source}: ${error.message}`);
    throw error;
  }
  const declared = new Map<string, Partial<FunctionSettings>>();
  const ignoredKeys: string[] = [];
  const functions = document.functions ?? {};
  if (typeof functions !== 'object' || functions === null || Array.isArray(functions)) {
    throw new ConfigError(`${source}: "functions" must be a table of [functions.<name>] sections`);
  }
  for (const [name, table] of Object.entries(functions)) {
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new ConfigError(`${source}: [functions.${name}] must be a table`);
    }
    const settings: Partial<FunctionSettings> = {};
    for (const [key, value] of Object.entries(table)) {
      if (key === 'import_map') {
        if (typeof value !== 'string' || value.trim() === '') {
          throw new ConfigError(`${source}: [functions.${name}] import_map must be a path, not ${JSON.stringify(value)}`);
        }
        settings.importMap = value;
        continue;
      }
      const setting = booleanKeys[key];
      if (!setting) {
        ignoredKeys.push(`functions.${name}.${key}`);
        continue;
      }
      if (typeof value !== 'boolean') {
        throw new ConfigError(`${source}: [functions.${name}] ${key} must be true or false, not ${JSON.stringify(value)}`);
      }
      settings[setting] = value;
    }
    declared.set(name, settings);
  }
  return { declared, ignoredKeys };
}

/** A missing file means "no declarations": every function gets the platform defaults. */
export async function readFunctionsConfig(path: string): Promise<FunctionsConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { declared: new Map(), ignoredKeys: [] };
    throw error;
  }
  const config = parseFunctionsConfig(text, path);
  for (const settings of config.declared.values()) {
    if (settings.importMap) settings.importMap = resolve(dirname(path), settings.importMap);
  }
  return config;
}

export function settingsFor(config: FunctionsConfig, name: string): FunctionSettings {
  return { ...defaultFunctionSettings, ...config.declared.get(name) };
}
