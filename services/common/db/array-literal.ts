/**
 * A PostgreSQL array literal of numbers or ISO 8601 timestamps, for a parameter cast to an array type
 * (`${arrayLiteral(ids)}::integer[]`). Written by hand because node-postgres quotes and escapes every
 * element of an array parameter on its own: measured on 300,000 samples of five columns, 950 ms of CPU
 * against 350 ms for this join. Only for elements that need no quoting: finite numbers (JSON numbers
 * are) and timestamps as Date.prototype.toISOString prints them. Anything else is refused.
 */
const PLAIN_ELEMENTS = /^[0-9eTZ:.,+-]*$/;

export function arrayLiteral(values: readonly (number | string)[]): string {
  const elements = values.join(',');
  // One check of the whole text rather than one per element: it holds only what such elements may
  // (`NaN`, `Infinity`, quotes, braces and spaces fail it), and no element is empty (each has a character).
  if (!PLAIN_ELEMENTS.test(elements) || elements.length < 2 * values.length - 1)
    throw new TypeError('arrayLiteral takes finite numbers and ISO 8601 timestamps only');
  return `{${elements}}`;
}

const PLAIN_ROWS = /^[0-9eNUL.,+{}"-]*$/;

/**
 * A PostgreSQL array literal of arrays of numbers as text (`{"{1,NULL,2.5}","{3}"}`), for a text[]
 * parameter whose elements are cast to float8[] one by one: rows of different lengths, which a
 * two-dimensional array cannot hold. A missing number (undefined, or a hole) is NULL. Finite numbers only.
 */
export function floatRowsLiteral(rows: readonly (readonly (number | undefined)[])[]): string {
  let text = '{';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (r > 0) text += ',';
    text += '"{';
    for (let i = 0; i < row.length; i++) {
      if (i > 0) text += ',';
      const value = row[i];
      text += value === undefined ? 'NULL' : String(value);
    }
    text += '}"';
  }
  text += '}';
  // NaN and Infinity hold letters other than e, N, U and L; nothing else here needs quoting.
  if (!PLAIN_ROWS.test(text)) throw new TypeError('floatRowsLiteral takes finite numbers only');
  return text;
}
