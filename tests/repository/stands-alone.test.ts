// The repository stands alone: nothing in it links to files outside it, and its comments and docs
// carry no tracker numbers (an issue tracker is not part of the repository). Migrations released
// before the first one this check covers are left byte for byte as they were applied
// (docs/architecture.md#migrations).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** The first migration written under this rule; older ones are released and never edited. */
const firstCheckedMigration = '20261205220000';

const trackedTextFiles = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => /\.(md|ts|sql|toml|json|sh)$/.test(path) || path === '.ci/run')
  .filter((path) => path !== 'package-lock.json' && !path.startsWith('types/'))
  .filter((path) => {
    const migration = /^supabase\/migrations\/(\d{14})_/.exec(path);
    return !migration || migration[1]! >= firstCheckedMigration;
  });

function lines(path: string): Array<{ at: string; text: string }> {
  return readFileSync(join(root, path), 'utf8').split('\n').map((text, index) => ({ at: `${path}:${index + 1}`, text }));
}

// Spelled in pieces so that this file does not match itself.
const outsideLink = new RegExp(['\\.\\./', 'shared/', '|/', 'work/'].join(''));
// (Another project's tracker, as in `issues #649`, may be cited: that names a public page.)
const trackerNumber = new RegExp(['\\b[Ii]ssues? ', '\\d+\\b|\\bissue', '\\d+-'].join(''));

describe('the repository stands alone', () => {
  it('checks the tracked sources, tests and docs', () => {
    expect(trackedTextFiles.length).toBeGreaterThan(300);
    expect(trackedTextFiles).toContain('README.md');
  });

  it('links to no file outside it', () => {
    const found = trackedTextFiles.flatMap(lines).filter((line) => outsideLink.test(line.text)).map((line) => line.at);
    expect(found).toEqual([]);
  });

  it('names no tracker numbers in comments, docs or output', () => {
    const found = trackedTextFiles.flatMap(lines).filter((line) => trackerNumber.test(line.text)).map((line) => `${line.at}: ${line.text.trim()}`);
    expect(found).toEqual([]);
  });

  it('catches what it looks for', () => {
    expect(outsideLink.test(['see [MISSION](..', '/shared/MISSION.md)'].join(''))).toBe(true);
    expect(trackerNumber.test(['-- helpers (iss', 'ue 4, part 2)'].join(''))).toBe(true);
    expect(trackerNumber.test('see rrule.js issues #649 and #653')).toBe(false);
    expect(trackerNumber.test('result.error.issues.map((issue) => issue.path)')).toBe(false);
  });
});
