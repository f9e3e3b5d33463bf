/**
 * Two schemas side by side, line by line (the older on the left), with the lines that differ marked:
 * the text diff is jsdiff's over both schemas pretty-printed in their own key order; the registry's
 * diff entries (pointer, op) are listed beneath.
 */
import { diffLines } from 'diff';
import { useState } from 'react';
import type { JsonSchema, SchemaDiffEntry } from '../api/types';

interface Row {
  left?: string;
  right?: string;
  kind: 'same' | 'removed' | 'added' | 'changed';
}

/** Unchanged lines kept around each change when the rest is folded. */
const CONTEXT = 3;

type Shown = Row | { kind: 'fold'; lines: number };

/** Long runs of unchanged lines folded into one row, CONTEXT lines kept on each side of a change. */
export function folded(rows: Row[]): Shown[] {
  const out: Shown[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== 'same') {
      out.push(rows[i++]!);
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === 'same') end++;
    const keepBefore = i === 0 ? 0 : CONTEXT;
    const keepAfter = end === rows.length ? 0 : CONTEXT;
    if (end - i > keepBefore + keepAfter + 1) {
      out.push(...rows.slice(i, i + keepBefore), { kind: 'fold', lines: end - i - keepBefore - keepAfter });
      out.push(...rows.slice(end - keepAfter, end));
    } else out.push(...rows.slice(i, end));
    i = end;
  }
  return out;
}

export function sideBySide(before: JsonSchema | null, after: JsonSchema): Row[] {
  const parts = diffLines(
    before ? `${JSON.stringify(before, null, 2)}\n` : '',
    `${JSON.stringify(after, null, 2)}\n`,
  );
  const rows: Row[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (!part.added && !part.removed) {
      for (const line of lines) rows.push({ left: line, right: line, kind: 'same' });
    } else if (part.removed && parts[i + 1]?.added) {
      // A removal followed by an addition is a change: pair the lines up.
      const added = parts[i + 1]!.value.replace(/\n$/, '').split('\n');
      for (let j = 0; j < Math.max(lines.length, added.length); j++)
        rows.push({ left: lines[j], right: added[j], kind: 'changed' });
      i++;
    } else if (part.removed) {
      for (const line of lines) rows.push({ left: line, kind: 'removed' });
    } else {
      for (const line of lines) rows.push({ right: line, kind: 'added' });
    }
  }
  return rows;
}

export function SchemaDiff({
  before,
  after,
  from,
  to,
  entries,
}: {
  before: JsonSchema | null;
  after: JsonSchema;
  from: string | null;
  to: string;
  entries: SchemaDiffEntry[];
}) {
  const rows = sideBySide(before, after);
  const [whole, setWhole] = useState(false);
  const shown: Shown[] = whole ? rows : folded(rows);
  return (
    <div>
      <div
        tabIndex={0}
        className="diff"
        role="table"
        aria-label={`Schema of ${from ?? 'nothing'} beside schema of ${to}`}
        data-testid="schema-diff"
      >
        <div className="diff-row diff-head" role="row">
          <span role="columnheader">{from ? `${from} (before)` : 'no earlier version'}</span>
          <span role="columnheader">{to} (proposed)</span>
        </div>
        {shown.map((row, i) =>
          row.kind === 'fold' ? (
            <div key={i} className="diff-row diff-fold" role="row">
              <span role="cell">
                <button type="button" className="link" onClick={() => setWhole(true)}>
                  {row.lines} unchanged lines
                </button>
              </span>
              <span role="cell" />
            </div>
          ) : (
            <div key={i} className={`diff-row diff-${row.kind}`} role="row">
              <code role="cell" className="diff-left">
                {row.kind === 'removed' || row.kind === 'changed' ? (
                  <span className="visually-hidden">removed: </span>
                ) : null}
                {row.left ?? ''}
              </code>
              <code role="cell" className="diff-right">
                {row.kind === 'added' || row.kind === 'changed' ? (
                  <span className="visually-hidden">added: </span>
                ) : null}
                {row.right ?? ''}
              </code>
            </div>
          ),
        )}
      </div>
      {whole && rows.length > shown.length - 1 && (
        <button type="button" className="link small" onClick={() => setWhole(false)}>
          Fold unchanged lines
        </button>
      )}
      {entries.length > 0 && (
        <details className="diff-entries">
          <summary>{entries.length} differences by JSON pointer</summary>
          <ul>
            {entries.map((e, i) => (
              <li key={i}>
                <span className={`badge op-${e.op}`}>{e.op}</span> <code>{e.pointer || '(root)'}</code>
                {e.op !== 'added' && (
                  <>
                    {' '}
                    was <code>{JSON.stringify(e.before)}</code>
                  </>
                )}
                {e.op !== 'removed' && (
                  <>
                    {' '}
                    is <code>{JSON.stringify(e.after)}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
