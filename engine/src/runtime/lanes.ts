/**
 * Works through items `concurrency` at a time and counts the outcomes by
 * name: the rounds of the timer and outbox workers.
 *
 * @example
 * await inLanes(due, 4, fire, { fired: 0, skipped: 0, failed: 0 }); // { fired: 3, skipped: 1, failed: 0 }
 */
export async function inLanes<T, Outcome extends string>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<Outcome>,
  tally: Record<Outcome, number>,
): Promise<Record<Outcome, number>> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) tally[await work(items[next++]!)]++;
  });
  await Promise.all(lanes);
  return tally;
}
