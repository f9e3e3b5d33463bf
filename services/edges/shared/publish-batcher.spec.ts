import { describe, expect, it } from '@jest/globals';
import type { EdgeHub, EdgeItem, PublishOutcome } from './edge-hub.js';
import { PublishBatcher } from './publish-batcher.js';

/** A hub whose requests stay open until the test answers them: the batcher's order is what is tested. */
function heldHub() {
  const requests: { items: string[]; answer: () => void }[] = [];
  const hub = {
    publishBatch(_contract: string, _version: string, items: EdgeItem[]): Promise<PublishOutcome[]> {
      return new Promise((resolve) =>
        requests.push({
          items: items.map((item) => item.msgId),
          answer: () => resolve(items.map(() => ({ ok: true }) as unknown as PublishOutcome)),
        }),
      );
    },
  } as unknown as EdgeHub;
  return { hub, requests };
}

function item(key: string | undefined, msgId: string): EdgeItem {
  return { payload: {}, msgId, key, refusal: {} as EdgeItem['refusal'] };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the edge publish batcher', () => {
  it('sends the first message at once and batches what arrives while requests are in flight', async () => {
    const { hub, requests } = heldHub();
    const batcher = new PublishBatcher(hub, { maxItems: 3, concurrency: 1 });
    const answers = ['a1', 'b1', 'c1', 'd1', 'e1'].map((id) =>
      batcher.publish('c', '1.0.0', item(id[0], id)),
    );

    expect(requests.map((r) => r.items)).toEqual([['a1']]);
    requests[0]!.answer();
    await settle();
    expect(requests.map((r) => r.items)).toEqual([['a1'], ['b1', 'c1', 'd1']]);
    requests[1]!.answer();
    await settle();
    requests[2]!.answer();
    await expect(Promise.all(answers)).resolves.toHaveLength(5);
  });

  it('never has two requests with the same key in flight, so a retried one cannot land behind the next', async () => {
    const { hub, requests } = heldHub();
    const batcher = new PublishBatcher(hub, { maxItems: 10, concurrency: 4 });
    batcher.publish('c', '1.0.0', item('P1', 'p1-1'));
    batcher.publish('c', '1.0.0', item('P1', 'p1-2'));
    batcher.publish('c', '1.0.0', item('P2', 'p2-1'));
    batcher.publish('c', '1.0.0', item('P1', 'p1-3'));

    // P1's later messages wait for its first; P2 goes beside it.
    expect(requests.map((r) => r.items)).toEqual([['p1-1'], ['p2-1']]);
    requests[1]!.answer();
    await settle();
    expect(requests).toHaveLength(2);
    requests[0]!.answer();
    await settle();
    expect(requests.map((r) => r.items)).toEqual([['p1-1'], ['p2-1'], ['p1-2', 'p1-3']]);
  });

  it('treats messages whose key the hub derives as one key', async () => {
    const { hub, requests } = heldHub();
    const batcher = new PublishBatcher(hub, { maxItems: 10, concurrency: 4 });
    batcher.publish('c', '1.0.0', item(undefined, 'x1'));
    batcher.publish('c', '1.0.0', item(undefined, 'x2'));

    expect(requests.map((r) => r.items)).toEqual([['x1']]);
    requests[0]!.answer();
    await settle();
    expect(requests.map((r) => r.items)).toEqual([['x1'], ['x2']]);
  });
});
