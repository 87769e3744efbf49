import { type Cell, type DisplayContext, displayValue, formatInstant } from "../definition/display";
import { fieldOf } from "../definition/fields";
import { labelOf, type MessageKey } from "../i18n";
import { fieldLabel } from "../list/columns";
import type { EntityDef, ProcessDef } from "../types";
import { eventFields } from "./event-form";
import type { Actor, TimelineItem } from "./timeline";

/** A timeline entry as the record page shows it. */
export interface TimelineRow {
  key: string;
  kind: TimelineItem["kind"];
  iso: string;
  when: string;
  title: string;
  /** A transition's states, labelled. */
  states?: { from: string | null; to: string };
  /** Field changes, and an event's data. */
  lines: Array<{ label: string; from?: Cell; to: Cell }>;
  /** A note's, a comment's or an annotation's text. */
  body?: string;
  link?: Cell;
}

/** What the rows need: the record's entity, the activity entity, the processes, and how values read. */
export interface RowContext {
  entity: EntityDef;
  activity: EntityDef | undefined;
  processes: Map<string, ProcessDef>;
  display: DisplayContext;
  /** People's names by username. */
  usernames: Map<string, string>;
}

const decisionKeys: Record<string, MessageKey> = {
  approve: "record.timeline.approve",
  reject: "record.timeline.reject",
  return: "record.timeline.return",
  delegate: "record.timeline.delegate",
  timeout: "record.timeline.timeout",
};

/**
 * A merged timeline as the record page shows it, in the user's language:
 * who did what and when, states and events by their labels, changed values
 * as each field reads (option labels, names, titles, money).
 *
 * @example
 * timelineRows(mergeTimeline(sources), ctx)[0].title; // "Li Wei: Send proposal"
 */
export function timelineRows(items: TimelineItem[], ctx: RowContext): TimelineRow[] {
  const { display } = ctx;
  const { t } = display;
  const text = (label: Record<string, string> | undefined) => labelOf(label, display.locale, display.fallbacks);
  const personOf = (by: Actor) =>
    (by?.id && display.people.get(by.id)) || (by?.username && (ctx.usernames.get(by.username) ?? by.username)) || null;
  const nameOf = (by: Actor) => personOf(by) ?? t("record.timeline.system");
  const levelLabel = (process: string, level: string) =>
    text(
      ctx.processes
        .get(process)
        ?.states.flatMap((s) => s.levels ?? [])
        .find((l) => l.name === level)?.label,
    ) || level;
  const changeLines = (changes: Array<{ field: string; from: unknown; to: unknown }>) =>
    changes.flatMap((change) => {
      const field = fieldOf(ctx.entity, change.field);
      if (!field) return [];
      return [
        {
          label: fieldLabel(field, display),
          from: displayValue(field, change.from, display),
          to: displayValue(field, change.to, display),
        },
      ];
    });

  return items.map((item, index): TimelineRow => {
    const base = {
      key: `${item.kind}-${item.at}-${index}`,
      kind: item.kind,
      iso: item.at,
      when: formatInstant(item.at, display.locale, display.timezone),
      lines: [],
    };
    const name = nameOf(item.by);
    switch (item.kind) {
      case "created":
        return {
          ...base,
          title: personOf(item.by) ? t("record.timeline.created", { name }) : t("record.timeline.createdBySystem"),
        };
      case "changes":
        return {
          ...base,
          title: personOf(item.by) ? t("record.timeline.changed", { name }) : t("record.timeline.changedBySystem"),
          lines: changeLines(item.changes),
        };
      case "transition": {
        const definition = ctx.processes.get(item.process);
        const process = text(definition?.label) || item.process;
        const state = (name: string | null) =>
          name === null ? null : text(definition?.states.find((s) => s.name === name)?.label) || name;
        const declared = definition?.events.find((e) => e.name === item.event);
        const title =
          item.cause === "start"
            ? t("record.timeline.started", { process })
            : item.cause === "timer"
              ? t("record.timeline.timer", { process })
              : item.cause === "migration"
                ? t("record.timeline.migrated", { process })
                : item.cause === "approval" && !declared
                  ? t("record.timeline.outcome", { process })
                  : t("record.timeline.event", { name, event: text(declared?.label) || item.event });
        const fields = eventFields(declared?.data, ctx.entity, display);
        // Data the event wrote into a field reads once, as that field's change.
        const written = new Set(item.changes.map((c) => JSON.stringify(c.to)));
        const data = Object.entries(item.data)
          .filter(
            ([, value]) => value !== null && value !== undefined && value !== "" && !written.has(JSON.stringify(value)),
          )
          .map(([key, value]) => {
            const field = fields.find((f) => f.name === key);
            const option = field?.options?.find((o) => o.value === String(value));
            return { label: field?.label ?? key, to: { text: option?.label ?? String(value) } };
          });
        return {
          ...base,
          title,
          states: {
            from: item.cause === "start" || item.from === item.to ? null : state(item.from),
            to: state(item.to) ?? item.to,
          },
          lines: [...data, ...changeLines(item.changes)],
        };
      }
      case "decision": {
        const to = item.to ? (ctx.usernames.get(item.to) ?? item.to) : "";
        const names = (item.escalatedTo ?? []).map((u) => ctx.usernames.get(u) ?? u);
        const title =
          item.decision !== "timeout"
            ? t(decisionKeys[item.decision] ?? "record.timeline.approve", { name, to })
            : item.then === "escalate" && names.length > 0
              ? t("record.timeline.timeoutEscalated", {
                  names: names.join(display.locale.startsWith("zh") ? "、" : ", "),
                })
              : item.then === "reject"
                ? t("record.timeline.timeoutRejected")
                : item.then === "approve"
                  ? t("record.timeline.timeoutApproved")
                  : t("record.timeline.timeout");
        return {
          ...base,
          title,
          lines: item.level
            ? [{ label: t("record.timeline.level"), to: { text: levelLabel(item.process, item.level) } }]
            : [],
          ...(item.comment ? { body: item.comment } : {}),
        };
      }
      case "note": {
        const process = text(ctx.processes.get(item.process)?.label) || item.process;
        return { ...base, title: t("record.timeline.note", { process }), body: item.text };
      }
      case "activity": {
        const kind = ctx.activity && item.activityKind ? fieldOf(ctx.activity, "kind") : undefined;
        return {
          ...base,
          title: t("record.timeline.activity", { name }),
          link: { text: item.subject || t("value.untitled"), href: `/${ctx.activity?.name ?? "activity"}/${item.id}` },
          lines: kind ? [{ label: fieldLabel(kind, display), to: displayValue(kind, item.activityKind, display) }] : [],
        };
      }
      case "annotation":
        return { ...base, title: t("record.timeline.annotation", { name }), body: item.body };
    }
  });
}
