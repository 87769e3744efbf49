import { eventsToReach, movePlan, type MoveEvent, type MovePlan } from "./moves";
import type { ProcessDef } from "../types";

/**
 * What the server says of each event of the board's process on one card
 * (`GET /records/:entity/:id/events`): whether it may be fired now, and why
 * not, by event name.
 */
export type Availability = ReadonlyMap<string, { available: boolean; reason?: string }>;

/**
 * The events a move may fire: the one it fires, or those it asks between.
 *
 * @example
 * planEvents(movePlan(pipeline, "proposal", "negotiation")).map((e) => e.name); // ["negotiate", "fast_track"]
 */
export function planEvents(plan: MovePlan): MoveEvent[] {
  return plan.kind === "fire" ? [plan.event] : plan.kind === "ask" ? plan.events : [];
}

/**
 * Why none of some events may be fired now, when the server said so of
 * every one of them (the first one's reason, "" when it gave none);
 * `undefined` when one of them may be, or nothing is known yet.
 *
 * @example
 * refusal([propose], new Map([["propose", { available: false, reason: "Needs an amount greater than zero." }]]));
 * // "Needs an amount greater than zero."
 */
export function refusal(events: MoveEvent[], known: Availability | undefined): string | undefined {
  if (!known || events.length === 0) return undefined;
  const refused = events.map((e) => known.get(e.name)).filter((o) => o !== undefined && !o.available);
  return refused.length === events.length ? (refused[0]?.reason ?? "") : undefined;
}

/**
 * Of the columns a card may be moved to, those the server says it may not
 * go to now, with why: a drag marks them, a drop there says why at once.
 *
 * @example
 * blockedColumns(pipeline, "needs_analysis", ["proposal", "lost"], known); // Map { "proposal" => "Needs an amount greater than zero." }
 */
export function blockedColumns(
  process: ProcessDef,
  from: string,
  columns: Iterable<string>,
  known: Availability | undefined,
): Map<string, string> {
  const reasons = new Map<string, string>();
  if (!known) return reasons;
  for (const state of columns) {
    const why = refusal(planEvents(movePlan(process, from, state)), known);
    if (why !== undefined) reasons.set(state, why);
  }
  return reasons;
}

/** A column the "Move to" dialog offers, with why it is not possible now. */
export interface MoveTarget {
  state: string;
  label: string;
  unavailable?: string;
}

/**
 * The columns the "Move to" dialog offers a card in a state: those an event
 * the user may fire leads to, in the board's order, each marked with why
 * not once the server has said.
 *
 * @example
 * moveTargets(pipeline, "prospecting", columns, known, (s) => labels[s]);
 * // [{ state: "qualification", label: "Qualification" }, { state: "lost", label: "Lost" }]
 */
export function moveTargets(
  process: ProcessDef,
  from: string,
  columns: string[],
  known: Availability | undefined,
  label: (state: string) => string,
): MoveTarget[] {
  return columns
    .filter((to) => eventsToReach(process, from, to).length > 0)
    .map((state) => {
      const why = refusal(planEvents(movePlan(process, from, state)), known);
      return { state, label: label(state), ...(why !== undefined ? { unavailable: why } : {}) };
    });
}
