// Under Deno, as deployed: Windows-1252 is decoded by the WHATWG rules (0x80-0x9f are not Latin-1).
import { deepStrictEqual } from 'node:assert/strict';
import { decodeText, parseFile } from './parse.ts';

Deno.test('a Windows-1252 CSV keeps its euro signs and curly quotes', async () => {
  deepStrictEqual(decodeText(new Uint8Array([0x80, 0x31, 0x30, 0x20, 0x93, 0x41, 0x94])), { text: '€10 “A”', encoding: 'windows-1252' });
  const parsed = await parseFile(new Uint8Array([...new TextEncoder().encode('name,price\nFisio,'), 0x80, 0x34, 0x35, 0x0a]), { maxRows: 10, maxColumns: 5, maxCellLength: 50 });
  deepStrictEqual(parsed.rows, [{ row: 2, values: ['Fisio', '€45'] }]);
});
