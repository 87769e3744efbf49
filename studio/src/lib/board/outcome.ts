import type { ActionResult } from "@sveltejs/kit";

/** What became of a card's move, from the board's `?/move` action. */
export type MoveOutcome =
  /** The event was fired: the record is now in `state` (the column, or where a guarded transition took it). */
  | { kind: "moved"; state: string }
  /** Several events lead there, or the one that does carries data: the board asks which, and for what. */
  | { kind: "ask"; events: string[] }
  /** No event the user may fire leads to the column. */
  | { kind: "none" }
  /** The API refused the event: why, in the user's words when it is an event's conditions. */
  | { kind: "refused"; reason: string | null }
  /** The session is gone (or the like): go where the action says. */
  | { kind: "redirect"; location: string };

/**
 * Reads the `?/move` action's answer: where the card landed, or why it
 * stays; a refused guard is told by the event's description (`descriptions`,
 * in the user's language) rather than the engine's message.
 *
 * @example
 * moveOutcome({ type: "failure", status: 422, data: { code: "guard_failed", event: "propose" } }, descriptions);
 * // { kind: "refused", reason: "Needs an amount greater than zero." }
 */
export function moveOutcome(result: ActionResult, descriptions: Record<string, string>): MoveOutcome {
  if (result.type === "success") {
    const moved = (result.data as { moved?: { state?: unknown } } | undefined)?.moved;
    return typeof moved?.state === "string" ? { kind: "moved", state: moved.state } : { kind: "refused", reason: null };
  }
  if (result.type === "redirect") return { kind: "redirect", location: result.location };
  if (result.type === "error") return { kind: "refused", reason: null };
  const failed = (result.data ?? {}) as { ask?: string[]; code?: string; event?: string; message?: string | null };
  if (failed.ask) return { kind: "ask", events: failed.ask };
  if (failed.code === "no_event") return { kind: "none" };
  const described = failed.code === "guard_failed" && failed.event ? descriptions[failed.event] : undefined;
  return { kind: "refused", reason: described || failed.message || null };
}
