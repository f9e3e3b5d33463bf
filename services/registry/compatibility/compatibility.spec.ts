import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CHANGE_TYPES } from './change-types.js';
import { checkAgainstHistory } from './check-against-history.js';
import { checkCompatibility } from './check-compatibility.js';
import { COMPATIBILITY_CASES, HISTORY_CASES } from './cases/compatibility-cases.js';

describe('checkCompatibility', () => {
  it.each(COMPATIBILITY_CASES)('$name', ({ old, new: next, mode, lenient, compatible, changes }) => {
    const result = checkCompatibility(old, next, { mode, lenient });
    expect(result.changes.map((change) => change.type).sort()).toEqual([...changes].sort());
    expect(result.compatible).toBe(compatible);
    for (const change of result.changes) expect(change.path).toMatch(/^#(\/|$)/);
  });

  it('is checked against a table of at least 80 cases', () => {
    expect(COMPATIBILITY_CASES.length + HISTORY_CASES.length).toBeGreaterThanOrEqual(80);
  });

  it('exercises every change type in the table', () => {
    const seen = new Set(COMPATIBILITY_CASES.flatMap((entry) => entry.changes));
    expect(CHANGE_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });

  it('documents every change type in docs/compatibility.md', () => {
    const page = readFileSync(new URL('../../../docs/compatibility.md', import.meta.url), 'utf8');
    expect(CHANGE_TYPES.filter((type) => !page.includes(`\`${type}\``))).toEqual([]);
  });
});

describe('checkAgainstHistory', () => {
  it.each(HISTORY_CASES)('$name', ({ previous, next, mode, lenient, compatible, failing }) => {
    const result = checkAgainstHistory(previous, next, { mode, lenient });
    expect(result.failures.map((failure) => failure.version)).toEqual(failing);
    expect(result.compatible).toBe(compatible);
    for (const failure of result.failures) {
      expect(failure.changes.length).toBeGreaterThan(0);
      expect(failure.changes.every((change) => change.breaking)).toBe(true);
    }
  });
});
