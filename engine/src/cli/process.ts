import { Command } from "commander";
import { userActor } from "../org/actors.ts";
import type { Actor } from "../records/service.ts";
import type { Decision } from "../runtime/approvals.ts";
import { engineRuntime } from "../plugins/install.ts";
import type { Runtime } from "../runtime/index.ts";
import type { ProcessView } from "../runtime/process-view.ts";
import type { Storage } from "../storage/platform/database.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { withWorkspace, type WorkspaceSession } from "./context.ts";
import { UserError } from "./user-error.ts";

interface ActingOptions {
  workspace: string;
  as?: string;
  json?: boolean;
}

/**
 * The actor of a user of the workspace, as a signed-in request would carry
 * them (id, roles, org unit, manager); the system user without a name.
 *
 * @example
 * const actor = await actorOf(storage, "acme", "li.wei", system);
 */
export async function actorOf(
  storage: Storage,
  workspaceId: string,
  username: string | undefined,
  system: Actor,
): Promise<Actor> {
  if (username === undefined || username === systemUsername) return system;
  const found = await userActor(storage.sql, workspaceId, { username });
  if (!found) throw new UserError(`--as ${username}: no user "${username}" in "${workspaceId}"`);
  if (!found.active) throw new UserError(`--as ${username}: ${username} is deactivated`);
  return found.actor;
}

/** Runs a command as a user of a workspace, with the process runtime over it. */
function acting<T>(
  options: ActingOptions,
  run: (
    session: WorkspaceSession & { actor: Actor; runtime: Runtime; label: (l: Record<string, string>) => string },
  ) => Promise<T>,
): Promise<T> {
  return withWorkspace(options.workspace, async (session) => {
    const actor = await actorOf(session.storage, options.workspace, options.as, session.system);
    const locale = session.context.definition.app.locales[0] ?? "en";
    const label = (l: Record<string, string>) => l[locale] ?? l.en ?? Object.values(l)[0] ?? "";
    return run({ ...session, actor, runtime: await engineRuntime(session.storage), label });
  });
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const withOptions = (command: Command, asRequired = false) =>
  (asRequired
    ? command.requiredOption("--as <username>", "the user who acts (their roles, scope and place in the org)")
    : command.option(
        "--as <username>",
        "the user who acts (their roles, scope and place in the org); else the system user",
      )
  )
    .requiredOption("--workspace <id>", "the workspace")
    .option("--json", "print JSON (as the API answers)");

function objectOf(text: string, option: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${option}: not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new UserError(`${option}: give a JSON object, as in '{"reason": "…"}'`);
  return value as Record<string, unknown>;
}

/** `temper events <entity> <id>`: what a user may fire on a record now, and why not the rest. */
export function eventsCommand(): Command {
  return withOptions(
    new Command("events")
      .description("list the events of a record's processes: which the user may fire now, and why not the others")
      .argument("<entity>", "the entity")
      .argument("<id>", "the record's id"),
  )
    .addHelpText("after", "\nExample: pnpm temper events complaint 0b9c… --workspace acme --as li.wei")
    .action((entity: string, id: string, options: ActingOptions) =>
      acting(options, async ({ runtime, actor, context, label }) => {
        const events = await runtime.events.options(actor, context, entity, id);
        if (options.json) return print({ events });
        const width = Math.max(0, ...events.map((e) => e.event.length));
        let process = "";
        for (const event of events) {
          if (event.process !== process) console.log((process = event.process));
          const why = event.available ? "available" : `not available: ${event.reason ?? ""}`;
          console.log(`  ${event.event.padEnd(width)}  ${why}  (${label(event.label)})`);
        }
        if (events.length === 0) console.log(`no process runs on ${entity} records`);
      }),
    );
}

/** `temper fire <entity> <id> <event>`: fires an event as a user, in one transaction. */
export function fireCommand(): Command {
  return withOptions(
    new Command("fire")
      .description(
        "fire a process event on a record as a user: their event rights, the record in their scope, the event's data and conditions, in one transaction",
      )
      .argument("<entity>", "the entity")
      .argument("<id>", "the record's id")
      .argument("<event>", "the event (see `temper events`)")
      .option("--data <json>", "the event's data, a JSON object")
      .option("--process <name>", "the process, when two on the entity have the event"),
  )
    .addHelpText(
      "after",
      '\nSide effects (messages, webhooks) are queued and delivered by a running `temper serve` or `temper worker`.\n\nExample: pnpm temper fire complaint 0b9c… resolve --data \'{"resolution": "replaced the part"}\' --workspace acme --as li.wei',
    )
    .action(
      (entity: string, id: string, event: string, options: ActingOptions & { data?: string; process?: string }) => {
        const data = options.data === undefined ? undefined : objectOf(options.data, "--data");
        return acting(options, async ({ runtime, actor, context }) => {
          const result = await runtime.events.fire(actor, context, entity, id, {
            type: event,
            ...(data ? { data } : {}),
            ...(options.process ? { process: options.process } : {}),
          });
          if (options.json) return print(result);
          const moved = result.from === result.state ? `stays in ${result.state}` : `${result.from} -> ${result.state}`;
          console.log(`${entity} ${id}: ${event} (${result.process}) ${moved}; instance version ${result.version}`);
        });
      },
    );
}

function printView(view: ProcessView, label: (l: Record<string, string>) => string): void {
  const name = `${view.process} (${label(view.label)})`;
  if (view.status === "not_started") return console.log(`${name}: not started`);
  console.log(
    `${name} on version ${view.definitionVersion}: ${view.state}${view.stateLabel ? ` (${label(view.stateLabel)})` : ""} since ${view.stateSince}, ${view.status}, instance version ${view.version}`,
  );
  if (view.lastError) console.log(`  last error: ${JSON.stringify(view.lastError)}`);
  console.log("  timeline:");
  for (const entry of view.timeline) {
    const move = entry.from === entry.to || entry.from === null ? entry.to : `${entry.from} -> ${entry.to}`;
    const data = Object.keys(entry.data).length > 0 ? ` ${JSON.stringify(entry.data)}` : "";
    console.log(
      `    ${entry.at}  ${entry.kind} ${entry.event}  ${move}  by ${entry.actor?.username ?? "system"}${data}`,
    );
  }
  if (view.timers.length > 0) console.log("  timers:");
  for (const timer of view.timers) console.log(`    due ${timer.dueAt}  ${timer.kind} ${timer.key}`);
  if (view.approvals.length > 0) console.log("  approvals:");
  for (const approval of view.approvals) {
    const by = approval.submitter ? `, submitted by ${approval.submitter}` : "";
    console.log(`    ${approval.state}: ${approval.status}${approval.level ? ` at level ${approval.level}` : ""}${by}`);
    for (const task of approval.tasks)
      console.log(
        `      ${task.approver} (${task.level}): ${task.status}${task.comment ? ` "${task.comment}"` : ""}  task ${task.id}`,
      );
  }
  if (view.outbox.length > 0) console.log("  side effects not delivered:");
  for (const effect of view.outbox)
    console.log(
      `    ${effect.step}: ${effect.status} after ${effect.attempts} attempts${effect.lastError ? ` (${effect.lastError})` : ""}, next ${effect.nextAttemptAt}`,
    );
}

/** `temper process <entity> <id>`: where a record's processes stand and how they got there. */
export function processCommand(): Command {
  return withOptions(
    new Command("process")
      .description(
        "show a record's processes: state, the version they run on, the timeline, pending timers, approvals, undelivered side effects",
      )
      .argument("<entity>", "the entity")
      .argument("<id>", "the record's id"),
  )
    .addHelpText("after", "\nExample: pnpm temper process quote 0b9c… --workspace acme")
    .action((entity: string, id: string, options: ActingOptions) =>
      acting(options, async ({ runtime, actor, context, label }) => {
        const views = await runtime.process(actor, context, entity, id);
        if (options.json) return print({ processes: views });
        for (const view of views) printView(view, label);
        if (views.length === 0) console.log(`no process runs on ${entity} records`);
      }),
    );
}

/** `temper tasks`: a user's approval inbox. */
export function tasksCommand(): Command {
  return withOptions(new Command("tasks").description("list a user's pending approval tasks, oldest first"), true)
    .addHelpText("after", "\nExample: pnpm temper tasks --workspace acme --as min.jun")
    .action((options: ActingOptions) =>
      acting(options, async ({ runtime, actor, context, label }) => {
        const tasks = await runtime.tasks.inbox(actor, context);
        if (options.json) return print({ tasks });
        for (const task of tasks) {
          const extra = [
            task.from ? `from ${task.from}` : undefined,
            task.submitter ? `submitted by ${task.submitter}` : undefined,
            `since ${task.since}`,
            task.dueAt ? `times out ${task.dueAt}` : undefined,
          ].filter(Boolean);
          console.log(
            `${task.id}  ${task.entity} "${task.title}"  ${label(task.processLabel)}: ${label(task.levelLabel)}  ${extra.join(", ")}`,
          );
        }
        if (tasks.length === 0) console.log(`${actor.username} has no pending tasks`);
      }),
    );
}

function decisionOf(kind: string, options: { comment?: string; to?: string }): Decision {
  const comment = options.comment ? { comment: options.comment } : {};
  switch (kind) {
    case "approve":
      return { decision: "approve", ...comment };
    case "reject":
      return { decision: "reject", comment: options.comment ?? "" };
    case "return":
      return { decision: "return", ...comment };
    case "delegate":
      if (!options.to) throw new UserError("delegate: name the user with --to <username>");
      return { decision: "delegate", to: options.to, ...comment };
    default:
      throw new UserError(`"${kind}" is no decision: approve, reject, return or delegate`);
  }
}

/** `temper decide <task-id> <decision>`: approves, rejects, returns or delegates a task. */
export function decideCommand(): Command {
  return withOptions(
    new Command("decide")
      .description("decide an approval task as its approver: approve, reject (with --comment), return, delegate --to")
      .argument("<task-id>", "the task (see `temper tasks`)")
      .argument("<decision>", "approve, reject, return or delegate")
      .option("--comment <text>", "why (required to reject)")
      .option("--to <username>", "whom to delegate to"),
    true,
  )
    .addHelpText(
      "after",
      "\nExample: pnpm temper decide 5f1e… reject --comment 'margin too thin' --workspace acme --as min.jun",
    )
    .action((taskId: string, kind: string, options: ActingOptions & { comment?: string; to?: string }) => {
      const decision = decisionOf(kind, options);
      return acting(options, async ({ runtime, actor, context }) => {
        const result = await runtime.tasks.decide(actor, context, taskId, decision);
        if (options.json) return print(result);
        const done = { approve: "approved", reject: "rejected", return: "returned", delegate: "delegated" }[kind];
        const to = decision.decision === "delegate" ? ` to ${decision.to}` : "";
        console.log(
          `${done} task ${taskId}${to}: the approval is ${result.approval}; ${result.process} is in ${result.state}`,
        );
      });
    });
}
