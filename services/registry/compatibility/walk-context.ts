/**
 * The state of one directional check, "can a reader with schema R read all data written with
 * schema W": the direction (backward: W = old, R = new; forward: W = new, R = old), strict or
 * lenient, the changes found so far, and the memory of `$ref` pairs already walked.
 */
import type { ChangeType } from './change-types.js';
import type { Direction } from './compatibility-mode.js';
import type { SchemaChange } from './compatibility.types.js';
import { breaksIn, type Effect } from './effect.js';
import type { Located } from './json-schema.js';

export type SchemaWalker = (ctx: WalkContext, oldNode: Located, newNode: Located) => void;

interface WalkedPair {
  done: boolean;
  changes: SchemaChange[];
}

export class WalkContext {
  readonly changes: SchemaChange[] = [];

  private constructor(
    readonly direction: Direction,
    readonly lenient: boolean,
    private readonly walker: SchemaWalker,
    private readonly walked: Map<string, WalkedPair>,
    /** Only whether values stay valid matters (a sub-walk): a unit is meaning, not validity. */
    readonly validityOnly: boolean,
  ) {}

  static start(direction: Direction, lenient: boolean, walker: SchemaWalker): WalkContext {
    return new WalkContext(direction, lenient, walker, new Map(), false);
  }

  /** Records a change; `verdict` is its effect on accepted instances, or whether it breaks outright. */
  emit(type: ChangeType, path: string, verdict: Effect | boolean): void {
    const breaking = typeof verdict === 'boolean' ? verdict : breaksIn(verdict, this.direction);
    this.changes.push({ type, path, breaking });
  }

  walk(oldNode: Located, newNode: Located): void {
    this.walker(this, oldNode, newNode);
  }

  /**
   * Whether every value one side accepts stays valid under the other, in a direction (this one
   * unless told), found by a walk whose changes are not reported: content models ask it of a
   * property and the schema that covered it.
   */
  compatible(
    oldNode: Located,
    newNode: Located,
    direction = this.direction,
    lenient = this.lenient,
  ): boolean {
    const sub = new WalkContext(direction, lenient, this.walker, this.walked, true);
    sub.walk(oldNode, newNode);
    return !sub.changes.some((change) => change.breaking);
  }

  /**
   * Walks a pair of `$ref` sites once per check. Meeting a pair again while it is still being walked
   * means a recursive schema: the pair is assumed to agree there (its differences are reported where
   * it was first met), which is what makes a cycle end. A pair met again later repeats its changes.
   */
  once(key: string, walk: () => void): void {
    const fullKey = `${this.direction} ${this.lenient} ${this.validityOnly} ${key}`;
    const seen = this.walked.get(fullKey);
    if (seen) {
      if (seen.done) this.changes.push(...seen.changes.map((change) => ({ ...change })));
      return;
    }
    const pair: WalkedPair = { done: false, changes: [] };
    this.walked.set(fullKey, pair);
    const start = this.changes.length;
    walk();
    pair.changes = this.changes.slice(start);
    pair.done = true;
  }
}
