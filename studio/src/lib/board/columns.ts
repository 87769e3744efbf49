import type { BoardView, ProcessDef, StatsRow } from "../types";

/**
 * The states a board shows as columns, in order: the view's columns that are
 * states of its process, else every state that is not final, in the
 * process's order.
 *
 * @example
 * boardStates(pipeline, { ...board, columns: undefined }); // ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation"]
 */
export function boardStates(process: ProcessDef, board: Pick<BoardView, "columns">): string[] {
  const known = new Set(process.states.map((s) => s.name));
  if (board.columns && board.columns.length > 0) return board.columns.filter((name) => known.has(name));
  return process.states.filter((s) => !s.final).map((s) => s.name);
}

/** A column's count and sum over every card in it, not only those shown. */
export interface ColumnTotal {
  count: number;
  sum: number | null;
}

/**
 * The count (and sum) of each state from the stats grouped by the state
 * field; a state no record is in counts 0.
 *
 * @example
 * columnTotals([{ stage: "proposal", count: 4, sum_amount: 1250000 }], ["proposal", "won"], "stage", "amount");
 * // Map { "proposal" => { count: 4, sum: 1250000 }, "won" => { count: 0, sum: 0 } }
 */
export function columnTotals(
  rows: StatsRow[],
  states: string[],
  stateField: string,
  sumField?: string,
): Map<string, ColumnTotal> {
  const totals = new Map(states.map((state): [string, ColumnTotal] => [state, { count: 0, sum: sumField ? 0 : null }]));
  for (const row of rows) {
    const total = totals.get(String(row[stateField]));
    if (!total) continue;
    total.count += row.count;
    if (sumField) total.sum = (total.sum ?? 0) + (Number(row[`sum_${sumField}`]) || 0);
  }
  return totals;
}

/** What the board groups: a card knows its state and what it adds to its column's sum. */
export interface GroupedCard {
  id: string;
  state: string;
  sumValue: number | null;
}

/** A column with the cards it shows and its totals, moves under way counted in. */
export interface CardGroup<T extends GroupedCard> {
  state: string;
  cards: T[];
  count: number;
  sum: number | null;
}

/**
 * Groups cards into their columns, each card in the column its pending move
 * takes it to (until the server answers), keeping their order; a card moved
 * in comes first. The totals follow the moves: a card moved out counts and
 * sums in its new column. Cards in a state the board does not show are left
 * out.
 *
 * @example
 * groupCards(["proposal", "negotiation"], cards, totals, new Map([[cardId, "negotiation"]]));
 */
export function groupCards<T extends GroupedCard>(
  states: string[],
  cards: T[],
  totals: Map<string, ColumnTotal>,
  moves: ReadonlyMap<string, string> = new Map(),
): CardGroup<T>[] {
  const groups = new Map(
    states.map((state): [string, CardGroup<T>] => {
      const total = totals.get(state) ?? { count: 0, sum: null };
      return [state, { state, cards: [], count: total.count, sum: total.sum }];
    }),
  );
  const movedIn: T[] = [];
  for (const card of cards) {
    const to = moves.get(card.id);
    if (to !== undefined && to !== card.state) {
      const from = groups.get(card.state);
      const target = groups.get(to);
      if (from) {
        from.count -= 1;
        if (from.sum !== null) from.sum -= card.sumValue ?? 0;
      }
      if (target) {
        target.count += 1;
        if (target.sum !== null) target.sum += card.sumValue ?? 0;
        movedIn.push(card);
      }
      continue;
    }
    groups.get(card.state)?.cards.push(card);
  }
  for (const card of movedIn.reverse()) groups.get(moves.get(card.id)!)!.cards.unshift(card);
  return [...groups.values()];
}
