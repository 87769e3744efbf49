import { formatInstant } from "../definition/display";
import { labelOf } from "../i18n";
import type { LabelContext } from "../list/columns";
import type { EntityDef, EventOption, JsonSchema, ProcessDef, ProcessView } from "../types";
import { type EventField, eventFields } from "./event-form";

/** An event the user may fire now. */
export interface EventAction {
  /** `<process>.<event>`. */
  key: string;
  process: string;
  event: string;
  label: string;
  description?: string;
  /** The data form's boxes and schema, when the event carries data. */
  fields: EventField[] | null;
  schema: JsonSchema | null;
}

/** A process on a record as its bar shows it: where it stands, what the user may do, what waits. */
export interface ProcessBar {
  process: string;
  label: string;
  state: string | null;
  status: ProcessView["status"];
  since: string | null;
  /** The instance's version, sent with an event so that a stale page is told; `null` before it starts. */
  version: number | null;
  actions: EventAction[];
  /** Events the state takes but the user may not fire now, each with why. */
  blocked: Array<{ key: string; label: string; reason: string }>;
  /** The approvers of an open approval, by name, and its level. */
  waiting: { names: string; level: string | null } | null;
  /** When the next timer of the state is due. */
  due: string | null;
  error: string | null;
}

/** What the bars need besides the API's answers: labels, the time zone, people's names by username. */
export interface BarContext extends LabelContext {
  timezone: string | undefined;
  names: Map<string, string>;
}

/**
 * The process bars of a record: per process, its state's label, the events
 * the user may fire now (with the data form of those that carry data), and
 * the events the state takes that the user may not fire, with why (the
 * event's own description of its conditions, or that their role may not);
 * events the state does not take are left out.
 *
 * @example
 * processBars(views, options, definitions, opportunity, ctx)[0].actions.map((a) => a.event); // ["lose", "move_back", "negotiate"]
 */
export function processBars(
  views: ProcessView[],
  options: EventOption[],
  definitions: Map<string, ProcessDef>,
  entity: EntityDef,
  ctx: BarContext,
): ProcessBar[] {
  const label = (text: Record<string, string> | undefined) => labelOf(text, ctx.locale, ctx.fallbacks);
  return views.map((view) => {
    const definition = definitions.get(view.process);
    const stateName = view.state ?? definition?.states.find((s) => s.name === definition.initial)?.name ?? null;
    const state = definition?.states.find((s) => s.name === stateName);
    const takes = new Set(state?.transitions?.map((t) => t.event) ?? []);
    const mine = options.filter((o) => o.process === view.process);
    const actions = mine
      .filter((o) => o.available)
      .map((o): EventAction => {
        const description = label(o.description);
        const fields = o.data ? eventFields(o.data, entity, ctx) : null;
        return {
          key: `${o.process}.${o.event}`,
          process: o.process,
          event: o.event,
          label: label(o.label) || o.event,
          ...(description ? { description } : {}),
          fields: fields && fields.length > 0 ? fields : null,
          schema: o.data ?? null,
        };
      });
    const blocked = mine
      .filter((o) => o.refused === "guard" || (o.refused === "forbidden" && takes.has(o.event)))
      .map((o) => ({
        key: `${o.process}.${o.event}`,
        label: label(o.label) || o.event,
        reason:
          o.refused === "forbidden" ? ctx.t("record.process.forbidden") : label(o.description) || (o.reason ?? ""),
      }));
    const open = view.approvals.find((a) => a.tasks.some((t) => t.status === "pending"));
    const pending = open?.tasks.filter((t) => t.status === "pending") ?? [];
    const due = (view.timers ?? []).map((t) => t.dueAt).sort()[0];
    const failed = (view.outbox ?? []).find((o) => o.status === "failed");
    const error = view.lastError?.message ?? failed?.lastError ?? null;
    return {
      process: view.process,
      label: label(view.label) || view.process,
      state: view.stateLabel ? label(view.stateLabel) : state ? label(state.label) : stateName,
      status: view.status,
      since: view.stateSince ? formatInstant(view.stateSince, ctx.locale, ctx.timezone) : null,
      version: view.status === "not_started" ? null : view.version,
      actions,
      blocked,
      waiting: open
        ? {
            names: pending.map((t) => ctx.names.get(t.approver) ?? t.approver).join(", "),
            level: open.level,
          }
        : null,
      due: due ? formatInstant(due, ctx.locale, ctx.timezone) : null,
      error: error === null ? null : String(error),
    };
  });
}
