/** A time as people read it, with the exact ISO instant in a tooltip and the machine-readable attribute. */
export function TimeText({ iso, withDate = true }: { iso: string; withDate?: boolean }) {
  const date = new Date(iso);
  const text = withDate
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
    : date.toLocaleTimeString(undefined, { timeStyle: 'medium' });
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

export function formatNumber(value: unknown, digits = 3): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '—' : String(value);
  if (Number.isInteger(value)) return value.toLocaleString();
  return value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A time as a datetime-local input holds it: local, to the minute (or to the second). */
export function localInput(date: Date, seconds = false): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, seconds ? 19 : 16);
}
