/**
 * Units are UCUM codes (`Cel`, `MPa`, `L/min`, `{rev}/min`, ...), checked and converted by the NLM's
 * maintained UCUM library. One instance, loaded on first use (its unit tables take a moment to build).
 * A code of annotations only (`{model-defined}`) is a unit the hub cannot know: UCUM counts it as
 * dimensionless, but converting it to `%` would be a lie, so it converts only to itself.
 */
import ucum from '@lhncbc/ucum-lhc';
import { DxError } from '../errors/dx-error.js';

type Utils = ReturnType<typeof ucum.UcumLhcUtils.getInstance>;
let utils: Utils | undefined;
const library = (): Utils => (utils ??= ucum.UcumLhcUtils.getInstance());

const ANNOTATION_ONLY = /^\{[^{}]*\}$/;

/** Why `code` is not a UCUM code, or null when it is one. */
export function ucumProblem(code: string): string | null {
  const result = library().validateUnitString(code, true);
  if (result.status === 'valid') return null;
  return result.msg.join(' ') || `${code} is not a UCUM code`;
}

export type Conversion = (value: number) => number;

const conversions = new Map<string, Conversion | null>();

/**
 * The conversion from one unit to another, or a UNIT_NOT_CONVERTIBLE error naming both. UCUM
 * conversions of ordinary units are affine (Cel to K adds 273.15), so the library is asked twice per
 * pair and the values are converted as a * x + b; the rare special unit that is not affine is asked per
 * value.
 */
export function conversionBetween(from: string, to: string): Conversion {
  const id = `${from}\u001f${to}`;
  let conversion = conversions.get(id);
  if (conversion === undefined) {
    conversion = build(from, to);
    conversions.set(id, conversion);
  }
  if (conversion === null) {
    throw new DxError('UNIT_NOT_CONVERTIBLE', `values in ${from} cannot be converted to ${to}`, {
      from,
      to,
      rule: 'ucum-commensurable',
    });
  }
  return conversion;
}

function build(from: string, to: string): Conversion | null {
  if (from === to) return (value) => value;
  if (ANNOTATION_ONLY.test(from) || ANNOTATION_ONLY.test(to)) return null;
  const at = (value: number) => {
    const result = library().convertUnitTo(from, value, to);
    return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : null;
  };
  const zero = at(0);
  const one = at(1);
  const thousand = at(1000);
  if (zero === null || one === null || thousand === null) return null;
  const a = one - zero;
  const b = zero;
  const affine = Math.abs(a * 1000 + b - thousand) <= 1e-9 * Math.max(1, Math.abs(thousand));
  // Twelve significant digits: what the arithmetic adds beyond them is noise (0.1 K as 273.25000000000003).
  return affine ? (value) => round(a * value + b) : (value) => round(at(value) ?? NaN);
}

function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** The conversion between two units, or undefined when they do not convert (for values skipped, not refused). */
export function conversionIfAny(from: string, to: string): Conversion | undefined {
  try {
    return conversionBetween(from, to);
  } catch {
    return undefined;
  }
}
