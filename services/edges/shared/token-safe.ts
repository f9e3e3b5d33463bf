/** Keys go into NATS subjects: a plant name with dots, wildcards or spaces becomes a safe token. */
export function tokenSafe(name: string): string {
  const safe = name.replace(/[\s.*>]/g, '_');
  return safe.length > 0 ? safe : '_';
}
