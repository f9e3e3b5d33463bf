/** Injection tokens of the console service. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
