/**
 * A UCUM unit code (the contracts' x-unit) as people read it beside a value: Cel is °C, annotations
 * in braces lose their braces. The documentation shows the code itself.
 */
const LABELS: Record<string, string> = { Cel: '°C', '[degF]': '°F', '1': '', '%': '%' };

export function unitLabel(code: string | undefined): string {
  if (code === undefined) return '';
  return LABELS[code] ?? code.replace(/\{([^}]*)\}/g, '$1');
}
