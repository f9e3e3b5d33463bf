/** The part of @lhncbc/ucum-lhc (the NLM's UCUM library, CommonJS without types) that DX Hub uses. */
declare module '@lhncbc/ucum-lhc' {
  interface ValidationResult {
    status: 'valid' | 'invalid' | 'error';
    ucumCode: string | null;
    msg: string[];
    unit?: { name?: string } | null;
  }
  interface ConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
  }
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): ValidationResult;
    convertUnitTo(from: string, value: number, to: string): ConversionResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
