/**
 * What a change does to the set of instances a schema accepts, and so which reader it breaks.
 * Most changes widen (the new schema accepts more: a new reader still reads old data, an old reader
 * may not read new data) or narrow (the reverse); `changes` is neither subset, `breaks` breaks
 * whatever the direction (a unit change: the numbers still validate but mean something else).
 */
import type { Direction } from './compatibility-mode.js';

export type Effect = 'neutral' | 'widens' | 'narrows' | 'changes' | 'breaks';

export function breaksIn(effect: Effect, direction: Direction): boolean {
  switch (effect) {
    case 'neutral':
      return false;
    case 'widens':
      return direction === 'forward';
    case 'narrows':
      return direction === 'backward';
    case 'changes':
    case 'breaks':
      return true;
  }
}
