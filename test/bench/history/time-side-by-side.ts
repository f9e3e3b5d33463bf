/**
 * Times questions side by side: one untimed run of each, then RUNS rounds in which each runs once,
 * the order reversed every other round, and the median of each. A question and its raw SQL reference
 * thus meet the same moments of a noisy machine, where timing all of one before all of the other let
 * the machine's drift between the two decide the ratio (raw (b) took 3.4 s in one run and 7.2 s in
 * another, with the same plan).
 */
import { grouped } from '../store/measurement.js';

export const RUNS = 7;

export interface Question {
  label: string;
  /** Runs the question once; resolves with the number of rows of its answer. */
  work: () => Promise<number>;
}

/** The median time of each question, in ms, in the order given; each printed as it is known. */
export async function timeSideBySide<T extends Question[]>(
  questions: [...T],
): Promise<{ [K in keyof T]: number }> {
  const rows: number[] = [];
  for (const question of questions) rows.push(await question.work());
  const runs: number[][] = questions.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    const order = questions.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const started = performance.now();
      await questions[i]!.work();
      runs[i]!.push(performance.now() - started);
    }
  }
  const medians = questions.map((question, i) => {
    const median = runs[i]!.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    console.log(
      `${question.label.padEnd(28)} ${median.toFixed(1).padStart(9)} ms  (median of ${RUNS}, side by side; ${grouped(rows[i]!)} rows)`,
    );
    return median;
  });
  return medians as { [K in keyof T]: number };
}
