import type { ProcessDef } from "../types";

/**
 * The reference CRM's opportunity pipeline as `GET /processes/:name` shows
 * it to a sales rep, trimmed to what board tests need; `mayFire` lets a test
 * take an event away.
 *
 * @example
 * movePlan(pipeline(), "proposal", "negotiation");
 */
export function pipeline(mayFire: (event: string) => boolean = () => true): ProcessDef {
  const lose = { event: "lose", targets: ["lost"] };
  const state = (
    name: string,
    en: string,
    transitions: ProcessDef["states"][number]["transitions"],
    final = false,
  ) => ({
    name,
    label: { en, zh: `${en}（中）` },
    final,
    approval: false,
    transitions,
  });
  const event = (name: string, en: string, data?: ProcessDef["events"][number]["data"]) => ({
    name,
    label: { en },
    ...(data ? { data } : {}),
    mayFire: mayFire(name),
  });
  return {
    name: "opportunity_pipeline",
    label: { en: "Opportunity pipeline" },
    entity: "opportunity",
    stateField: "stage",
    initial: "prospecting",
    states: [
      state("prospecting", "Prospecting", [{ event: "qualify", targets: ["qualification"] }, lose]),
      state("qualification", "Qualification", [
        { event: "analyze_needs", targets: ["needs_analysis"] },
        { event: "move_back", targets: ["prospecting"] },
        lose,
      ]),
      state("needs_analysis", "Needs analysis", [
        { event: "propose", targets: ["proposal"] },
        { event: "move_back", targets: ["qualification"] },
        lose,
      ]),
      state("proposal", "Proposal", [
        { event: "negotiate", targets: ["negotiation"] },
        { event: "move_back", targets: ["needs_analysis"] },
        { event: "fast_track", targets: ["negotiation", "won"] },
        lose,
      ]),
      state("negotiation", "Negotiation", [
        { event: "win", targets: ["won"] },
        { event: "move_back", targets: ["proposal"] },
        lose,
      ]),
      state("won", "Won", [], true),
      state("lost", "Lost", [], true),
    ],
    events: [
      event("qualify", "Qualify"),
      event("analyze_needs", "Start needs analysis"),
      event("propose", "Send proposal"),
      event("negotiate", "Start negotiation"),
      event("fast_track", "Fast track"),
      event("win", "Mark as won"),
      event("lose", "Mark as lost", {
        type: "object",
        required: ["reason"],
        properties: {
          reason: { type: "string", minLength: 1, maxLength: 2000 },
          competitor: { type: "string", maxLength: 200 },
        },
      }),
      event("move_back", "Back to previous stage"),
    ],
  };
}
