import { formatInstant } from "../definition/display";
import { labelOf } from "../i18n";
import type { ProcessView, Task } from "../types";

/** Who decides, or decided, on an approval: one of its tasks. */
export interface Decider {
  name: string;
  /** `pending`, `approved`, `rejected`, `returned`, `delegated`, … as the engine says. */
  status: string;
  comment: string | null;
  decidedAt: string | null;
  /** The task is the user's own. */
  you: boolean;
  /** The task is of the level being decided now. */
  current: boolean;
}

/** What an approval task is about, as the inbox shows it. */
export interface TaskSummary {
  id: string;
  title: string;
  href: string;
  process: string;
  level: string;
  submitter: string | null;
  submittedAt: string | null;
  /** When the task came to the user. */
  since: string;
  /** When the level times out, if it does. */
  due: string | null;
  overdue: boolean;
  /** Whom the task came from (a delegation or an escalation). */
  from: string | null;
  /** The others deciding at this level, then those who decided earlier levels. */
  deciders: Decider[];
}

/** How a summary reads: the language, the app's locales and time zone, people's names by username, the user, the time. */
export interface SummaryContext {
  locale: string;
  fallbacks: string[];
  timezone: string | undefined;
  /** Display names by username. */
  people: Map<string, string>;
  me: string;
  now: Date;
}

/**
 * What a task is about: its record, its process and level, who submitted it
 * and when (from the record's process: the approval under way in the task's
 * state), since when it waits and until when, whom it came from, and the
 * others who decide at its level or decided before.
 *
 * @example
 * taskSummary(task, processView, { locale: "en", fallbacks: ["en"], timezone: "Asia/Shanghai", people, me: "manager", now: new Date() });
 * // { title: "Q-2026-0042", level: "Sales manager", submitter: "Li Wei", submittedAt: "Nov 2, 2026, 9:30 AM", deciders: [...], … }
 */
export function taskSummary(task: Task, view: ProcessView | undefined, ctx: SummaryContext): TaskSummary {
  const name = (username: string | null) => (username ? (ctx.people.get(username) ?? username) : null);
  const when = (instant: string) => formatInstant(instant, ctx.locale, ctx.timezone);
  const approval = view?.approvals.find((a) => a.state === task.state && a.status === "pending");
  const submitter = approval?.submitter ?? task.submitter;
  const deciders = (approval?.tasks ?? [])
    .filter((t) => t.id !== task.id)
    .map((t): Decider => ({
      name: name(t.approver)!,
      status: t.status,
      comment: t.comment,
      decidedAt: t.decidedAt ? when(t.decidedAt) : null,
      you: t.approver === ctx.me,
      current: t.level === task.level,
    }))
    // The level being decided first, then earlier decisions, each in the order they came.
    .sort((a, b) => Number(b.current) - Number(a.current));
  return {
    id: task.id,
    title: task.title,
    href: `/${task.entity}/${task.recordId}`,
    process: labelOf(task.processLabel, ctx.locale, ctx.fallbacks),
    level: labelOf(task.levelLabel, ctx.locale, ctx.fallbacks),
    submitter: name(submitter),
    submittedAt: approval ? when(approval.startedAt) : null,
    since: when(task.since),
    due: task.dueAt ? when(task.dueAt) : null,
    overdue: task.dueAt !== null && Date.parse(task.dueAt) < ctx.now.getTime(),
    from: name(task.from),
    deciders,
  };
}
