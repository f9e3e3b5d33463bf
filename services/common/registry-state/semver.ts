/** The part of semantic versioning the registry needs: parse, compare, major. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(version: string): SemVer | null {
  const match = SEMVER.exec(version);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new RangeError(`not a version: ${x ? b : a}`);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

export function majorOf(version: string): number {
  const parsed = parseSemver(version);
  if (!parsed) throw new RangeError(`not a version: ${version}`);
  return parsed.major;
}
