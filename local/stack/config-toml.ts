// The few values of supabase/config.toml that the Node side of the stack needs ([api] for
// PostgREST, [auth] and [auth.hook.custom_access_token] for the token tool). Only flat
// `key = value` lines of one table are read: strings, string arrays, integers and booleans; the
// functions server (Deno) parses the whole file with a real TOML parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { supabaseDir } from './config.ts';

export type TomlValue = string | number | boolean | string[];

export function readConfigToml(): string {
  return readFileSync(join(supabaseDir, 'config.toml'), 'utf8');
}

/** The `key = value` pairs directly under `[table]`. */
export function tomlTable(text: string, table: string): Record<string, TomlValue> {
  const values: Record<string, TomlValue> = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s#.*$|^#.*$/, '').trim();
    if (line.startsWith('[')) {
      inside = line === `[${table}]`;
      continue;
    }
    const match = inside ? /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line) : null;
    if (!match) continue;
    const key = match[1]!;
    const value = match[2]!.trim();
    if (value.startsWith('[')) values[key] = [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    else if (value.startsWith('"')) values[key] = value.slice(1, value.lastIndexOf('"'));
    else if (value === 'true' || value === 'false') values[key] = value === 'true';
    else if (/^-?\d+$/.test(value)) values[key] = Number(value);
  }
  return values;
}
