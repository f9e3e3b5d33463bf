/**
 * Units a consumer asks for (per history query, replay or subscription, or when it registers): each must
 * be a UCUM code, and convertible from the field's unit, or the request is refused at once naming both.
 */
import { DxError } from '../errors/dx-error.js';
import { conversionBetween, ucumProblem, type Conversion } from './ucum.js';

export function checkedUnit(unit: string): string {
  const problem = ucumProblem(unit);
  if (problem) {
    throw new DxError('UNIT_INVALID', `${unit} is not a UCUM unit: ${problem}`, {
      unit,
      rule: 'ucum',
      expected: 'a UCUM code, e.g. Cel, K, MPa, bar, L/min',
    });
  }
  return unit;
}

/** The conversion of a field's values from its unit to the one asked for, or UNIT_NOT_CONVERTIBLE. */
export function conversionOrRefusal(from: string | null, to: string, pointer: string): Conversion {
  if (from === null) {
    throw new DxError(
      'UNIT_NOT_CONVERTIBLE',
      `${pointer} has no unit in its contract, so it cannot be given in ${to}`,
      {
        pointer,
        from: null,
        to,
        rule: 'ucum-commensurable',
      },
    );
  }
  try {
    return conversionBetween(from, to);
  } catch (error) {
    if (error instanceof DxError) {
      throw new DxError(
        'UNIT_NOT_CONVERTIBLE',
        `${pointer} is in ${from}, which cannot be converted to ${to}`,
        {
          ...error.details,
          pointer,
        },
      );
    }
    throw error;
  }
}
