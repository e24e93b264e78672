// Reads a dotenv file (supabase/functions/.env) the way `supabase functions serve --env-file` and
// `supabase secrets set --env-file` do: KEY=value lines, optional `export`, # comments, single
// quotes literal, double quotes with \n-style escapes, both may span lines.
// Written here rather than taken from npm `dotenv`: the CLI parses with Go's godotenv, and dotenv
// differs where it matters (it skips a malformed line silently and expands only \n and \r).

export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/;
const doubleQuoteEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

export function parseEnvFile(text: string, source = '.env'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = assignment.exec(line);
    if (!match) throw new EnvFileError(`${source}:${index + 1}: expected KEY=value`);
    const name = match[1] as string;
    let rest = line.slice(match[0].length);
    const quote = rest[0];
    if (quote !== '"' && quote !== "'") {
      // Unquoted: up to an inline comment (a # preceded by whitespace), trimmed.
      values[name] = rest.replace(/(^|\s+)#.*$/, '').trim();
      continue;
    }
    const startLine = index;
    let raw = '';
    rest = rest.slice(1);
    for (;;) {
      const end = closingQuote(rest, quote);
      if (end !== -1) {
        raw += rest.slice(0, end);
        const after = rest.slice(end + 1);
        if (!/^\s*(#.*)?$/.test(after)) throw new EnvFileError(`${source}:${index + 1}: unexpected text after the closing ${quote}`);
        break;
      }
      raw += `${rest}\n`;
      index++;
      if (index >= lines.length) throw new EnvFileError(`${source}:${startLine + 1}: ${name} has no closing ${quote}`);
      rest = lines[index] as string;
    }
    values[name] = quote === '"' ? raw.replace(/\\(.)/g, (escape, char: string) => doubleQuoteEscapes[char] ?? escape) : raw;
  }
  return values;
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** A missing file is no extra env, as with `supabase functions serve`. */
export async function readEnvFile(path: string): Promise<Record<string, string>> {
  try {
    return parseEnvFile(await Deno.readTextFile(path), path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return {};
    throw error;
  }
}
