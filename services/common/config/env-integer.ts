/** Integer settings read from the environment: empty or missing gives the default, anything else is checked. */

export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integerAtLeast(env, name, fallback, 1, 'a positive integer');
}

export function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integerAtLeast(env, name, fallback, 0, 'an integer >= 0');
}

function integerAtLeast(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  expected: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be ${expected}, got "${raw}"`);
  return value;
}
