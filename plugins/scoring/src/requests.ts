import type { PluginState } from "@temper/plugin-sdk";

/** Customers steps asked to score, each with the number of its latest request; written by steps only. */
interface Requests {
  last: number;
  pending: Record<string, number>;
}

const requestsKey = "requests";
/** The number of the latest request a job has scored; written by jobs only. */
const doneKey = "requests_done";

/**
 * Asks for one customer to be scored (by `scoring.score_requested`). In a
 * transaction step, the requests are locked until the transition commits:
 * requests are numbered in the order they commit, and those already scored
 * are dropped here, so the list holds what is pending only.
 *
 * @example
 * await requestScoring(ctx.state, customerId);
 */
export async function requestScoring(state: PluginState, id: string): Promise<number> {
  const requests = (await state.get<Requests>(requestsKey)) ?? { last: 0, pending: {} };
  const done = (await state.get<number>(doneKey)) ?? 0;
  const pending = Object.fromEntries(Object.entries(requests.pending).filter(([, n]) => n > done));
  const last = requests.last + 1;
  await state.set(requestsKey, { last, pending: { ...pending, [id]: last } });
  return last;
}

/**
 * The customers asked for and not scored yet, and the number of the latest
 * request among them (to pass to {@link markScored} once they are scored).
 *
 * @example
 * const { ids, upTo } = await pendingRequests(ctx.state);
 */
export async function pendingRequests(state: PluginState): Promise<{ ids: string[]; upTo: number }> {
  const requests = (await state.get<Requests>(requestsKey)) ?? { last: 0, pending: {} };
  const done = (await state.get<number>(doneKey)) ?? 0;
  const ids = Object.entries(requests.pending)
    .filter(([, n]) => n > done)
    .map(([id]) => id);
  return { ids, upTo: requests.last };
}

/**
 * Notes that every request up to `upTo` is scored. A request made since,
 * even for a customer just scored, has a later number and stays pending.
 *
 * @example
 * await markScored(ctx.state, upTo);
 */
export async function markScored(state: PluginState, upTo: number): Promise<void> {
  const done = (await state.get<number>(doneKey)) ?? 0;
  if (upTo > done) await state.set(doneKey, upTo);
}
