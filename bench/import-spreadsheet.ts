// A realistic patients spreadsheet for the import test and benchmark, with the exact report the
// import must give for it. Deterministic: row i (file row i + 1) is fixed by i alone, so the
// report is known in advance. Mostly good rows; every so often a row with one known problem:
//   an empty row, an e-mail that is not one, a name that starts like a formula, a date that does
//   not exist, a phone that is not one, a row repeating the previous row's external id, a row
//   with two problems. Phones and external ids carry `run`, so runs never collide.
export interface SpreadsheetRow {
  row: number;
  values: Array<string | null>;
}

export interface ExpectedLine {
  row_number: number;
  action: 'created' | 'refused';
  column_name: string | null;
  code: string | null;
}

export const patientHeader = ['External ID', 'Full name', 'Phone', 'Email', 'Date of birth', 'Gender', 'Preferred language', 'Lead source'];

const first = ['Aarav', 'Ananya', 'Vivaan', 'Diya', 'Arjun', 'Isha', 'Kabir', 'Meera', 'Rohan', 'Saanvi', 'Oliver', 'Amelia', 'George', 'Isla', 'Noah', 'Zoë', 'José', 'Łucja'];
const last = ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Khan', 'Das', 'Smith', 'Jones', 'Taylor', 'Brown', 'Núñez', 'O\'Brien', 'Müller'];
const genders = ['female', 'male', 'non_binary', 'undisclosed', null];
const languages = ['en', 'hi', 'en-IN', 'ta', null];
const sources = ['google', 'referral', 'walk_in', null];

type Problem = 'empty' | 'email' | 'formula' | 'date' | 'phone' | 'duplicate' | 'two' | null;

function problemOf(i: number): Problem {
  if (i % 250 === 124) return 'empty';
  if (i % 97 === 96) return 'email';
  if (i % 131 === 130) return 'formula';
  if (i % 211 === 210) return 'date';
  if (i % 233 === 232) return 'phone';
  if (i % 173 === 172 && problemOf(i - 1) === null) return 'duplicate';
  if (i % 499 === 498) return 'two';
  return null;
}

/** `count` patients; `run` (digits) makes phones and ids unique to this file. */
export function patientsSpreadsheet(count: number, run: number): { rows: SpreadsheetRow[]; expected: ExpectedLine[] } {
  const rows: SpreadsheetRow[] = [];
  const expected: ExpectedLine[] = [];
  const runDigits = String(run % 1000).padStart(3, '0');
  for (let i = 0; i < count; i++) {
    const row = i + 2;
    const problem = problemOf(i);
    const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
    const values: Array<string | null> = [
      `MRN-${runDigits}-${String(i).padStart(6, '0')}`,
      name,
      `+9198${runDigits}${String(i).padStart(5, '0')}`,
      i % 3 === 0 ? null : `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${runDigits}${i}@example.test`,
      `${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      genders[i % genders.length] ?? null,
      languages[i % languages.length] ?? null,
      sources[i % sources.length] ?? null,
    ];
    const refuse = (column_name: string, code: string) => expected.push({ row_number: row, action: 'refused', column_name, code });
    switch (problem) {
      case 'empty':
        rows.push({ row, values: values.map(() => null) });
        continue;
      case 'email':
        values[3] = 'not an e-mail';
        refuse('email', 'invalid_email');
        break;
      case 'formula':
        values[1] = `=HYPERLINK("http://x.test/?${i}","${name}")`;
        refuse('full_name', 'formula_cell');
        break;
      case 'date':
        values[4] = '1980-02-30';
        refuse('date_of_birth', 'invalid_date');
        break;
      case 'phone':
        values[2] = '12';
        refuse('phone', 'invalid_phone');
        break;
      case 'duplicate':
        values[0] = rows.at(-1)!.values[0]!;
        refuse('external_id', 'duplicate_in_file');
        break;
      case 'two':
        values[3] = '@bad';
        values[4] = 'yesterday';
        // the report lists a row's problems by column name
        refuse('date_of_birth', 'invalid_date');
        refuse('email', 'invalid_email');
        break;
      default:
        expected.push({ row_number: row, action: 'created', column_name: null, code: null });
    }
    rows.push({ row, values });
  }
  return { rows, expected };
}
