// import-file's reader (supabase/functions/import-file/parse.ts): CSV in every encoding a
// spreadsheet program writes, .xlsx workbooks, and the files it must refuse. Values are not judged
// here (that is SQL's job): only rows, numbers and text.
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { cellText, decodeText, FileProblem, parseFile } from '../../supabase/functions/import-file/parse.ts';

const limits = { maxRows: 100, maxColumns: 10, maxCellLength: 50 };
const bytes = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
};
const problemOf = (work: Promise<unknown>) => work.then(() => null, (error) => (error instanceof FileProblem ? { status: error.status, code: error.code } : error));

describe('CSV', () => {
  const text = 'full_name,phone\r\nJosé Núñez,+447700900123\r\nZoë Ångström,\r\n';

  it('reads UTF-8 with and without a byte order mark, numbering rows as a spreadsheet does', async () => {
    for (const input of [bytes(text), new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)])]) {
      expect(await parseFile(input, limits)).toEqual({
        format: 'csv', encoding: 'utf-8', header: ['full_name', 'phone'],
        rows: [{ row: 2, values: ['José Núñez', '+447700900123'] }, { row: 3, values: ['Zoë Ångström', ''] }],
      });
    }
  });

  it('reads UTF-16 (little and big endian, with or without the mark) and Windows-1252', async () => {
    const cases: Array<[Uint8Array, string]> = [
      [new Uint8Array([0xff, 0xfe, ...utf16le(text)]), 'utf-16le'],
      [new Uint8Array([0xfe, 0xff, ...utf16be(text)]), 'utf-16be'],
      [utf16le(text), 'utf-16le'],
      [new Uint8Array(Buffer.from(text, 'latin1')), 'windows-1252'],
    ];
    for (const [input, encoding] of cases) {
      const parsed = await parseFile(input, limits);
      expect(parsed.encoding).toBe(encoding);
      expect(parsed.rows.map((r) => r.values[0])).toEqual(['José Núñez', 'Zoë Ångström']);
    }
    // (the euro sign, 0x80 in Windows-1252, is checked under Deno: supabase/functions/import-file/parse.test.ts)
    expect(decodeText(new Uint8Array([0xe9]))).toMatchObject({ text: 'é', encoding: 'windows-1252' });
  });

  it('takes ; or tab as the delimiter when the header uses it, and keeps a quoted cell with a line break as one row', async () => {
    const parsed = await parseFile(bytes('full_name;email\n"Ana\nRao";ana@example.test\nBo;bo@example.test\n'), limits);
    expect(parsed.rows).toEqual([{ row: 2, values: ['Ana\nRao', 'ana@example.test'] }, { row: 3, values: ['Bo', 'bo@example.test'] }]);
    expect((await parseFile(bytes('a\tb\n1\t2\n'), limits)).rows).toEqual([{ row: 2, values: ['1', '2'] }]);
  });

  it('keeps empty rows in the numbering and drops trailing ones', async () => {
    const parsed = await parseFile(bytes('full_name\nAna\n\n,\nBo\n\n\n'), limits);
    expect(parsed.rows).toEqual([{ row: 2, values: ['Ana'] }, { row: 3, values: [''] }, { row: 4, values: [''] }, { row: 5, values: ['Bo'] }]);
  });

  it('keeps formula-looking cells as text for SQL to judge', async () => {
    const parsed = await parseFile(bytes('full_name\n"=HYPERLINK(""http://x"")"\n@SUM(A1)\n'), limits);
    expect(parsed.rows.map((r) => r.values[0])).toEqual(['=HYPERLINK("http://x")', '@SUM(A1)']);
  });

  it('refuses broken quotes, empty files, binary data and files over the limits', async () => {
    expect(await problemOf(parseFile(bytes('full_name\n"Ana\n'), limits))).toEqual({ status: 422, code: 'malformed_file' });
    expect(await problemOf(parseFile(new Uint8Array(), limits))).toEqual({ status: 422, code: 'empty_file' });
    expect(await problemOf(parseFile(bytes('\n\n'), limits))).toEqual({ status: 422, code: 'empty_file' });
    expect(await problemOf(parseFile(new Uint8Array([0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x41, 0x00]), limits))).toEqual({ status: 415, code: 'unsupported_file' });
    expect(await problemOf(parseFile(bytes(`a\n${'x\n'.repeat(101)}`), limits))).toEqual({ status: 422, code: 'too_many_rows' });
    expect(await problemOf(parseFile(bytes(`${'c,'.repeat(10)}c\n`), limits))).toEqual({ status: 422, code: 'too_many_columns' });
    expect(await problemOf(parseFile(bytes(`a\n${'y'.repeat(51)}\n`), limits))).toEqual({ status: 422, code: 'cell_too_long' });
  });
});

describe('.xlsx', () => {
  it('reads the first sheet: text, whole numbers as written, dates as YYYY-MM-DD, empty rows numbered', async () => {
    const buffer = await writeXlsxFile([
      [{ value: 'full_name' }, { value: 'phone' }, { value: 'date_of_birth' }],
      [{ value: 'Ana Rao' }, { value: 447700900123, type: Number }, { value: new Date('1980-02-03T00:00:00Z'), type: Date, format: 'yyyy-mm-dd' }],
      [null, null, null],
      [{ value: '=cmd|calc' }, null, null],
    ]).toBuffer();
    expect(await parseFile(new Uint8Array(buffer), limits)).toEqual({
      format: 'xlsx', encoding: null, header: ['full_name', 'phone', 'date_of_birth'],
      rows: [{ row: 2, values: ['Ana Rao', '447700900123', '1980-02-03'] }, { row: 3, values: [null, null, null] }, { row: 4, values: ['=cmd|calc', null, null] }],
    });
  });

  it('refuses a legacy .xls and a damaged workbook', async () => {
    expect(await problemOf(parseFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), limits))).toEqual({ status: 415, code: 'unsupported_file' });
    expect(await problemOf(parseFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), limits))).toEqual({ status: 422, code: 'malformed_file' });
  });

  it('writes cells as text without float noise', () => {
    expect([cellText(45.5), cellText(60), cellText(true), cellText(null), cellText(Number.NaN)]).toEqual(['45.5', '60', 'true', null, null]);
  });
});
