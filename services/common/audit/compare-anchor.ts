/**
 * Says how the store differs from an anchor, once their roots differ: stream by stream when the
 * anchor's stream list is known, otherwise by the counts and the root alone.
 */
import type { Anchor, AnchorDifference, AnchorHead, StoreState } from './anchor.types.js';
import { compareStreams } from './anchor-root.js';

export function compareAnchor(
  anchor: Omit<Anchor, 'heads'>,
  anchoredHeads: readonly AnchorHead[] | null,
  state: StoreState,
  foundRoot: string,
): AnchorDifference[] {
  const at = anchor.globalPosition;
  const differences: AnchorDifference[] = [];
  if (anchoredHeads) {
    let i = 0;
    let j = 0;
    while (i < anchoredHeads.length || j < state.heads.length) {
      const a = anchoredHeads[i];
      const f = state.heads[j];
      const order = a && f ? compareStreams(a, f) : a ? -1 : 1;
      if (order < 0) {
        differences.push(streamMissing(a!, at));
        i++;
      } else if (order > 0) {
        differences.push(streamAdded(f!, at));
        j++;
      } else {
        if (a![2] !== f![2] || a![3] !== f![3] || a![4] !== f![4]) differences.push(headDiffers(a!, f!, at));
        i++;
        j++;
      }
    }
  }
  if (anchor.events !== state.events) {
    differences.push({
      kind: 'events-differ',
      contract: null,
      key: null,
      anchored: null,
      found: null,
      detail: `the anchor counts ${anchor.events} events at or below global position ${at}; the store has ${state.events}`,
    });
  }
  if (differences.length === 0) {
    const streams =
      anchor.streams === state.heads.length
        ? ''
        : ` It counts ${anchor.streams} streams; the store has ${state.heads.length}.`;
    differences.push({
      kind: 'root-differs',
      contract: null,
      key: null,
      anchored: null,
      found: null,
      detail:
        `the store's root at global position ${at} is ${foundRoot}, the anchor's is ${anchor.root}.${streams} ` +
        'The anchor holds no stream list (nor does dx.anchors hold one that matches it), so the streams that ' +
        'differ cannot be named; an event at or below the position was altered, added or deleted.',
    });
  }
  return differences;
}

export function describeHead(head: AnchorHead): string {
  return `stream position ${head[2]} (global position ${head[3]}, hash ${head[4].slice(0, 16)}...)`;
}

function headDiffers(a: AnchorHead, f: AnchorHead, at: number): AnchorDifference {
  const why =
    f[2] < a[2]
      ? `stream positions ${f[2] + 1} to ${a[2]} are gone`
      : f[2] > a[2]
        ? `events were added at or below global position ${at}`
        : 'the event, or one before it in the stream, was altered and the hashes recomputed';
  return {
    kind: 'head-differs',
    contract: a[0],
    key: a[1],
    anchored: a,
    found: f,
    detail: `the anchored head is ${describeHead(a)}, the store's is ${describeHead(f)}: ${why}`,
  };
}

function streamMissing(a: AnchorHead, at: number): AnchorDifference {
  return {
    kind: 'stream-missing',
    contract: a[0],
    key: a[1],
    anchored: a,
    found: null,
    detail: `the anchored head is ${describeHead(a)}; the store has no event of the stream at or below global position ${at}`,
  };
}

function streamAdded(f: AnchorHead, at: number): AnchorDifference {
  return {
    kind: 'stream-added',
    contract: f[0],
    key: f[1],
    anchored: null,
    found: f,
    detail: `the store has events of the stream at or below global position ${at} (head ${describeHead(f)}); the anchor has none`,
  };
}
