/**
 * A payload's text exactly as PostgreSQL prints its jsonb (`payload::text`), the form the event hash
 * covers (dx.event_hash), computed in Node so that the group commit can hash the chain without asking
 * the database. The rules of PostgreSQL's jsonb output:
 * - object keys ordered by the length of their UTF-8 bytes, then by those bytes; each key once;
 * - `": "` between key and value, `", "` between members and elements; `{}` and `[]` when empty;
 * - strings escaped as JSON.stringify escapes them (`\"`, `\\`, `\b \f \n \r \t`, other controls as
 *   `\u00xx`, everything else as is);
 * - numbers as PostgreSQL's numeric prints the number of the JSON text sent (JSON.stringify's), that is
 *   without exponent: 1e+21 as 1000000000000000000000, 1.5e-7 as 0.00000015.
 * The value is walked as JSON.stringify walks it (toJSON, undefined and functions left out), because the
 * JSON text that reaches the database is JSON.stringify's (checkPayload).
 */
export function jsonbText(value: unknown): string {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? numericText(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayText(value);
      return objectText(value as Record<string, unknown>);
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
}

function arrayText(values: unknown[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    if (i > 0) text += ', ';
    text +=
      item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : jsonbText(item);
  }
  return `${text}]`;
}

function objectText(value: Record<string, unknown>): string {
  const keys = Object.keys(value).filter((key) => {
    const member = value[key];
    return member !== undefined && typeof member !== 'function' && typeof member !== 'symbol';
  });
  keys.sort(keys.every(isAscii) ? compareAsciiKeys : compareKeys);
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) text += ', ';
    text += `${JSON.stringify(keys[i])}: ${jsonbText(value[keys[i]!])}`;
  }
  return `${text}}`;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** jsonb's key order for ASCII keys, whose UTF-8 is their UTF-16: shorter first, then by code unit. */
function compareAsciiKeys(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** jsonb's key order: shorter UTF-8 first, then bytewise. */
function compareKeys(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length !== y.length ? x.length - y.length : Buffer.compare(x, y);
}

/** A finite number as numeric prints the text JSON.stringify gives it: plain digits, no exponent. */
function numericText(value: number): string {
  const text = JSON.stringify(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const at = (point < 0 ? mantissa.length : point) + exponent;
  const plain =
    at <= 0
      ? `0.${'0'.repeat(-at)}${digits}`
      : at >= digits.length
        ? digits + '0'.repeat(at - digits.length)
        : `${digits.slice(0, at)}.${digits.slice(at)}`;
  return negative ? `-${plain}` : plain;
}
