import type { Annotation, HistoryEntry, ProcessView } from "../types";

/** Who did something: a user id, a username, or both; `null` for the system (a timer, a worker). */
export type Actor = { id?: string; username?: string } | null;

/** One change of a field. */
export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** One thing that happened to a record, from whichever source said so. */
export type TimelineItem = { at: string; by: Actor } & (
  | { kind: "created" }
  | { kind: "changes"; changes: Change[] }
  | {
      kind: "transition";
      process: string;
      /** How it came about: `start`, `event`, `timer`, `approval` (an approval's outcome), `migration`. */
      cause: string;
      event: string;
      from: string | null;
      to: string;
      data: Record<string, unknown>;
      /** The field changes the transition made, besides its state field. */
      changes: Change[];
    }
  | {
      kind: "decision";
      process: string;
      decision: string;
      level: string | null;
      comment: string | null;
      /** To whom a task was delegated. */
      to: string | null;
      /** A timeout's outcome (`escalate`, `reject`, `approve`), and the managers an escalation asked (usernames). */
      then?: string;
      escalatedTo?: string[];
    }
  | { kind: "note"; process: string; text: string }
  | { kind: "activity"; id: string; subject: string; activityKind: string | null }
  | { kind: "annotation"; body: string }
);

/** An activity linked to the record, as the timeline needs it. */
export interface LinkedActivity {
  id: string;
  at: string;
  owner: string | null;
  subject: string;
  kind: string | null;
}

/** What a record's timeline is made of. */
export interface TimelineSources {
  record: Record<string, unknown>;
  history: HistoryEntry[];
  processes: Array<Pick<ProcessView, "process" | "timeline" | "approvals"> & { stateField?: string | null }>;
  activities: LinkedActivity[];
  annotations: Annotation[];
}

/** How close in time a change and the transition that made it are. */
const together = 2000;
const decisions = new Set(["approve", "reject", "return", "delegate", "timeout"]);

type Group = { at: string; by: string; changes: Change[]; taken: boolean };

function groupsOf(history: HistoryEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of history) {
    const key = `${entry.changedAt}\u0000${entry.changedBy}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { at: entry.changedAt, by: entry.changedBy, changes: [], taken: false }));
    group.changes.push({ field: entry.field, from: entry.oldValue, to: entry.newValue });
  }
  return [...groups.values()];
}

const near = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) <= together;

/**
 * A record's timeline, newest first: field changes grouped by who and when,
 * process transitions with the changes they made (their state field left
 * out: the transition says it), approval decisions with their comments,
 * notes of steps, linked activities and annotations. The values a record was
 * created with are not repeated as changes.
 *
 * @example
 * mergeTimeline({ record, history, processes, activities, annotations })[0]; // { kind: "transition", event: "propose", … }
 */
export function mergeTimeline(sources: TimelineSources): TimelineItem[] {
  const items: Array<TimelineItem & { seq: number }> = [];
  let seq = 0;
  const push = (item: TimelineItem) => items.push({ ...item, seq: seq++ });
  const createdAt = typeof sources.record.created_at === "string" ? sources.record.created_at : undefined;
  const createdBy = typeof sources.record.created_by === "string" ? sources.record.created_by : undefined;
  const groups = groupsOf(sources.history);
  // The values a record was created with are its creation, not changes.
  for (const group of groups)
    if (createdAt !== undefined && near(group.at, createdAt))
      group.changes = group.changes.filter((c) => c.from !== null);

  for (const { process, timeline, approvals, stateField } of sources.processes) {
    const tasks = approvals.flatMap((a) => a.tasks);
    for (const entry of timeline) {
      const by: Actor = entry.actor ? { id: entry.actor.id, username: entry.actor.username } : null;
      const data = entry.data ?? {};
      if (entry.kind === "note") {
        push({ kind: "note", at: entry.at, by, process, text: String(data.text ?? "") });
        continue;
      }
      if (entry.kind === "approval" && decisions.has(entry.event)) {
        const task = tasks.find((t) => t.approver === entry.actor?.username && t.decidedAt === entry.at);
        push({
          kind: "decision",
          at: entry.at,
          by,
          process,
          decision: entry.event,
          level: typeof data.level === "string" ? data.level : null,
          comment: typeof data.comment === "string" ? data.comment : (task?.comment ?? null),
          to: typeof data.to === "string" ? data.to : null,
          ...(typeof data.then === "string" ? { then: data.then } : {}),
          ...(Array.isArray(data.escalatedTo) ? { escalatedTo: data.escalatedTo.map(String) } : {}),
        });
        continue;
      }
      const changes: Change[] = [];
      // A start's changes are the record's first values.
      for (const group of entry.kind === "start" ? [] : groups) {
        if (group.taken || !near(group.at, entry.at)) continue;
        const states = group.changes.filter((c) => c.field === stateField);
        const state = states.find((c) => c.from === entry.from && c.to === entry.to);
        // A change of the state to another state belongs to another transition; one without a
        // state change is the transition's when its actor made it, or when the system (a timer) did.
        if (!state && (states.length > 0 || (entry.actor !== null && group.by !== entry.actor.id))) continue;
        group.taken = true;
        changes.push(...group.changes.filter((c) => c !== state));
      }
      push({
        kind: "transition",
        at: entry.at,
        by,
        process,
        cause: entry.kind,
        event: entry.event,
        from: entry.from,
        to: entry.to,
        data,
        changes,
      });
    }
  }

  for (const group of groups)
    if (!group.taken && group.changes.length > 0)
      push({ kind: "changes", at: group.at, by: { id: group.by }, changes: group.changes });
  for (const activity of sources.activities)
    push({
      kind: "activity",
      at: activity.at,
      by: activity.owner ? { id: activity.owner } : null,
      id: activity.id,
      subject: activity.subject,
      activityKind: activity.kind,
    });
  for (const annotation of sources.annotations)
    push({ kind: "annotation", at: annotation.createdAt, by: { username: annotation.author }, body: annotation.body });
  if (createdAt) items.push({ kind: "created", at: createdAt, by: createdBy ? { id: createdBy } : null, seq: -1 });

  // What a record's creation set off is stamped a moment before or after the record itself: it comes after.
  const sortAt = (item: TimelineItem) => Date.parse(item.at) - (item.kind === "created" ? together : 0);
  return items
    .sort((a, b) => sortAt(b) - sortAt(a) || b.seq - a.seq)
    .map(({ seq: _seq, ...item }) => item as TimelineItem);
}
