import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import jsonata from 'jsonata';
import { mulberry32 } from '../../../test/bench/seeded-random.js';
import { compileTransform } from './compile-transform.js';

const shipped = ['2.up', '2.down'].map((name) =>
  readFileSync(`contracts/scada/reactor-telemetry/${name}.jsonata`, 'utf8'),
);

/** Expressions compiled in full, and some that only JSONata runs (they must behave the same). */
const expressions = [
  ...shipped,
  '{"a": x, "b": y * 10, "c": y / 4 - 1, "d": -y, "e": y % 3 + 2}',
  '{"deep": p.q.r, "half": p.q / 2, "flag": true, "none": null, "label": "fixed", "n": 7}',
  '( {"copy": x} )',
  '{"sum": x + y, "neg": -(x * y)}',
  // JSONata's alone: a function, a computed key, a predicate, string concatenation, a variable.
  '{"n": $number(y)}',
  '{x: y}',
  '{"first": p[0]}',
  '{"s": x & "!"}',
  '$.x',
];

/** Values of every JSON kind, nested, with the edge cases of arithmetic and paths. */
function valueOf(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 8 : 11));
  switch (pick) {
    case 0:
      return Math.round((random() - 0.5) * 2000) / 8;
    case 1:
      return [0, -0, 1e308, -1e308, 5e-324][Math.floor(random() * 5)];
    case 2:
      return ['', 'R101', '12', 'constructor'][Math.floor(random() * 4)];
    case 3:
      return null;
    case 4:
      return random() < 0.5;
    case 5:
    case 6:
    case 7:
      return Math.round(random() * 100);
    case 8:
      return Array.from({ length: Math.floor(random() * 3) }, () => valueOf(random, depth + 1));
    default:
      return objectOf(random, depth + 1);
  }
}

function objectOf(random: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['x', 'y', 'p', 'q', 'r', 'pressure', 'flowRate', 'feedFlow', 'bedTemperatures', 'tag'])
    if (random() < 0.6) out[name] = valueOf(random, depth);
  return out;
}

/** What a consumer would get: the JSON text, or the error's JSONata code. */
async function outcomeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await run()) ?? 'undefined';
  } catch (error) {
    return `error ${(error as { code?: string }).code}`;
  }
}

describe('compiled transforms', () => {
  it('compile the shipped transforms, and leave to JSONata what they do not cover', () => {
    for (const source of shipped) expect(compileTransform(source).compiled).toBe(true);
    expect(compileTransform('{"n": $number(y)}').compiled).toBe(false);
    expect(compileTransform('{"first": p[0]}').compiled).toBe(false);
  });

  it('give what JSONata gives (value or error) for 2,000 random documents of every JSON kind', async () => {
    const random = mulberry32(20261207);
    const documents: unknown[] = [
      ...Array.from({ length: 2000 }, () => objectOf(random, 0)),
      [{ x: 1 }],
      'text',
      null,
      { pressure: 1.5, flowRate: 12, bedTemperatures: [401.5, [402]], tag: 'R101' },
    ];
    let differences = 0;
    for (const source of expressions) {
      const reference = jsonata(source);
      const transform = compileTransform(source);
      for (const data of documents) {
        const expected = await outcomeOf(() => reference.evaluate(data) as Promise<unknown>);
        const actual = await outcomeOf(() => transform(data));
        if (actual !== expected) {
          differences++;
          if (differences < 5) expect({ source, data, actual }).toEqual({ source, data, actual: expected });
        }
      }
    }
    expect(differences).toBe(0);
  });

  it('converts a reading of major 1 to major 2 with the pressure in bar and the flow renamed', async () => {
    const reading = {
      equipment: 'R101',
      tag: 'T',
      temperature: 412.5,
      pressure: 1.25,
      flowRate: 30,
      quality: 'good',
    };
    await expect(compileTransform(shipped[0]!)(reading)).resolves.toEqual({
      equipment: 'R101',
      tag: 'T',
      temperature: 412.5,
      pressure: 12.5,
      feedFlow: 30,
      quality: 'good',
    });
  });
});
