// One list of import report codes: the table in docs/import.md ("The report") and
// importReportCodes in clients/js name the same codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReportCodes } from '../../clients/js/index.ts';

describe('import report codes', () => {
  it('docs/import.md documents exactly the codes clients/js knows', () => {
    const doc = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
    // the rows of the table in "The report", after its header and separator
    const section = doc.slice(doc.indexOf('## The report'), doc.indexOf('## Formula-looking cells')).split('|---|---|')[1] ?? '';
    const documented = [...section.matchAll(/^\| (`[^|]+) \|/gm)]
      .flatMap((m) => [...m[1]!.matchAll(/`([a-z_]+)`/g)].map((c) => c[1]!));
    expect([...new Set(documented)].sort()).toEqual([...importReportCodes].sort());
  });
});
