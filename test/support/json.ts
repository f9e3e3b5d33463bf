/** What tests read from JSON answers: looked at field by field, so typed loosely on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
