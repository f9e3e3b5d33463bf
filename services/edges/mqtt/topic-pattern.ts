/** MQTT topic filters (`plant/+/sensor/#`): checked in a mapping, matched against incoming topics. */

/** Why a filter is not a valid MQTT topic filter, or undefined when it is. */
export function filterProblem(filter: string): string | undefined {
  if (filter.length === 0) return 'is empty';
  if (filter.startsWith('$share/')) return 'names a shared subscription: set mqtt.sharedGroup instead';
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1))
      return '# must be a whole level, and the last';
    if (level.includes('+') && level !== '+') return '+ must be a whole level';
  }
  return undefined;
}

/** The topic's levels when it matches the filter, else undefined. */
export function matchTopic(filter: string, topic: string): string[] | undefined {
  const want = filter.split('/');
  const have = topic.split('/');
  for (let i = 0; i < want.length; i++) {
    const level = want[i]!;
    if (level === '#') return have;
    if (i >= have.length) return undefined;
    if (level !== '+' && level !== have[i]) return undefined;
  }
  return want.length === have.length ? have : undefined;
}
