/** Runs `producers` concurrent loops, each taking the next item and awaiting its append before the next. */
export async function runProducers(
  producers: number,
  count: number,
  appendOne: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const producer = async () => {
    while (next < count) await appendOne(next++);
  };
  await Promise.all(Array.from({ length: producers }, producer));
}
