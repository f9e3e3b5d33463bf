/**
 * Identities are written into NATS subjects (`dx.replay.<identity>`) and into the broker's permissions,
 * so an id must be one or more subject tokens: letters, digits, `_` and `-`, separated by single dots.
 * A wildcard (`*`, `>`) or whitespace in an id would grant its holder other identities' subjects.
 */
export const SUBJECT_SAFE_ID = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function isSubjectSafeId(id: string): boolean {
  return SUBJECT_SAFE_ID.test(id);
}
