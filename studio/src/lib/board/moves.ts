import type { JsonSchema, ProcessDef } from "../types";

/** An event that may move a card, as the board offers it. */
export type MoveEvent = ProcessDef["events"][number];

/** What moving a card from one state to another takes. */
export type MovePlan =
  /** No event the user may fire leads there. */
  | { kind: "none" }
  /** One event leads there and needs nothing more: fire it. */
  | { kind: "fire"; event: MoveEvent }
  /** Several events lead there, or the one that does carries data: ask. */
  | { kind: "ask"; events: MoveEvent[] };

/**
 * The events that lead from a state to another that the user may fire: the
 * state's transitions whose targets include it (a guarded transition may
 * lead elsewhere too; the engine decides which when it is fired).
 *
 * @example
 * eventsToReach(pipeline, "needs_analysis", "lost").map((e) => e.name); // ["lose"]
 */
export function eventsToReach(process: ProcessDef, from: string, to: string): MoveEvent[] {
  if (from === to) return [];
  const state = process.states.find((s) => s.name === from);
  if (!state) return [];
  const events = new Map(process.events.map((e) => [e.name, e]));
  return state.transitions
    .filter((t) => t.targets.includes(to))
    .map((t) => events.get(t.event))
    .filter((e): e is MoveEvent => e !== undefined && e.mayFire);
}

/**
 * How a card moves from one column to another: not at all, by firing the one
 * event that leads there, or by asking which event (and its data).
 *
 * @example
 * movePlan(pipeline, "proposal", "negotiation"); // { kind: "fire", event: { name: "negotiate", … } }
 * movePlan(pipeline, "proposal", "lost"); // { kind: "ask", events: [{ name: "lose", data: {…} }] }
 */
export function movePlan(process: ProcessDef, from: string, to: string): MovePlan {
  const events = eventsToReach(process, from, to);
  if (events.length === 0) return { kind: "none" };
  if (events.length === 1 && !needsData(events[0]!.data)) return { kind: "fire", event: events[0]! };
  return { kind: "ask", events };
}

/**
 * The columns a card in a state can be moved to by an event the user may fire.
 *
 * @example
 * reachableColumns(pipeline, "proposal", ["proposal", "negotiation", "won"]); // ["negotiation"]
 */
export function reachableColumns(process: ProcessDef, from: string, columns: string[]): string[] {
  return columns.filter((to) => eventsToReach(process, from, to).length > 0);
}

/** Whether an event's data schema asks for anything at all. */
export function needsData(schema: JsonSchema | undefined): boolean {
  return Object.keys(schema?.properties ?? {}).length > 0;
}

/** One input of the small form that asks for an event's data. */
export interface DataInput {
  name: string;
  kind: "text" | "long_text" | "number" | "boolean" | "choice";
  required: boolean;
  options: string[];
  maxLength?: number;
}

/**
 * The inputs of the form asking for an event's data, from its JSON Schema:
 * a text up to 200 characters is a line, a longer one a text area, numbers,
 * yes/no and choices their own input.
 *
 * @example
 * dataInputs(lose.data); // [{ name: "reason", kind: "long_text", required: true, … }, { name: "competitor", kind: "text", required: false, … }]
 */
export function dataInputs(schema: JsonSchema | undefined): DataInput[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => {
    const type = Array.isArray(property.type) ? property.type.find((t) => t !== "null") : property.type;
    const input: DataInput = { name, kind: "text", required: required.has(name), options: [] };
    if (property.enum) return { ...input, kind: "choice", options: property.enum.map(String) };
    if (type === "number" || type === "integer") return { ...input, kind: "number" };
    if (type === "boolean") return { ...input, kind: "boolean" };
    const long = property.maxLength === undefined || property.maxLength > 200;
    return {
      ...input,
      kind: long ? "long_text" : "text",
      ...(property.maxLength ? { maxLength: property.maxLength } : {}),
    };
  });
}

/**
 * An event's data from a submitted form (`data.<name>` inputs), typed as
 * its schema says; empty optional inputs are left out.
 *
 * @example
 * eventData(lose.data, form); // { reason: "Price", competitor: "Acme" }
 */
export function eventData(schema: JsonSchema | undefined, form: FormData): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of dataInputs(schema)) {
    const raw = form.get(`data.${input.name}`);
    if (input.kind === "boolean") {
      data[input.name] = raw === "true" || raw === "on";
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") continue;
    data[input.name] = input.kind === "number" ? Number(text) : text;
  }
  return data;
}
