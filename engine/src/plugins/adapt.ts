import { randomUUID } from "node:crypto";
import type { Plugin, StepDefinition, StepRunContext } from "@temper/plugin-sdk";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "../definitions/schemas.ts";
import { EngineError } from "../errors.ts";
import { userActor } from "../org/actors.ts";
import { type GuardRegistry, processExpression, processVariables } from "../process/guards.ts";
import { resolvePeople } from "../process/people.ts";
import { describePeople, openLoad, sqlDirectory } from "../runtime/directory.ts";
import type { Actor, RecordService, WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { Clock } from "../runtime/clock.ts";
import type { Tx } from "../runtime/instances.ts";
import type { DeliveryContext, StepContext, StepImplementation, StepRegistry } from "../runtime/steps/types.ts";
import { pluginConfigOf } from "./catalog.ts";
import { pluginLogger, pluginRecords, pluginUser, withTimeout } from "./context.ts";
import { pluginSettingsOf } from "./settings.ts";
import { pluginState } from "./state.ts";

/** What plugin steps need from the engine around them. */
export interface PluginServices {
  storage: Storage;
  clock: Clock;
  /** The records service of a workspace (inside a transaction when given), processes included. */
  records(context: WorkspaceContext, tx?: Tx): RecordService;
  /** A workspace at its published version, and its system user. */
  workspace(workspaceId: string): Promise<{ context: WorkspaceContext; system: Actor }>;
}

const ajv = createAjv();
const validators = new WeakMap<object, ValidateFunction>();

/** Checks a value against a plugin's schema; what is wrong, or nothing. */
function problemsOf(schema: object | undefined, value: unknown): string | undefined {
  if (!schema) return undefined;
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
}

function stepFailed(type: string, why: string): EngineError {
  return new EngineError("step_failed", `step ${type} failed: ${why}`, { step: type });
}

async function runChecked(
  type: string,
  step: StepDefinition<never, unknown>,
  context: Omit<StepRunContext, "signal">,
  params: unknown,
  timeoutMs: number,
): Promise<unknown> {
  let output: unknown;
  try {
    output = await withTimeout(`step ${type}`, timeoutMs, (signal) =>
      step.run({ ...context, signal }, params as never),
    );
  } catch (error) {
    if (error instanceof EngineError && error.code !== "internal") throw stepFailed(type, error.message);
    throw stepFailed(type, (error as Error).message ?? String(error));
  }
  const wrong = problemsOf(step.output, output ?? {});
  if (step.output && wrong) throw stepFailed(type, `its output breaks its schema: ${wrong}`);
  return output;
}

function transactionStep(type: string, plugin: Plugin, step: StepDefinition<never, unknown>, services: PluginServices) {
  return async (params: Record<string, unknown>, ctx: StepContext) => {
    const wrong = problemsOf(step.params, params);
    if (wrong) throw stepFailed(type, `its params are invalid: ${wrong}`);
    const notes: string[] = [];
    await runChecked(
      type,
      step,
      {
        workspace: workspaceOf(ctx.workspace),
        entity: ctx.entity.name,
        process: { name: ctx.instance.process, state: ctx.instance.state, event: ctx.event.type },
        record: { ...ctx.record },
        user: pluginUser(ctx.actor),
        records: pluginRecords(services.records(ctx.workspace, ctx.tx), ctx.actor),
        directory: {
          people: async (rules, options) =>
            describePeople(ctx.tx, ctx.workspace.workspaceId, await ctx.people(rules, options)),
          openLoad: (ids) =>
            openLoad(ctx.tx, ctx.workspace, ctx.entity.name, ctx.instance.process, ids, String(ctx.record.id)),
        },
        state: pluginState(ctx.tx, ctx.workspace.workspaceId, plugin.name),
        log: pluginLogger(type, String(ctx.record.id)),
        idempotencyKey: `${ctx.instance.id}.${randomUUID()}`,
        now: () => ctx.now,
        settings: await pluginSettingsOf(ctx.tx, ctx.workspace.workspaceId, plugin.name),
        config: pluginConfigOf(ctx.definition, plugin.name),
        evaluate: (expression) => ctx.evaluate(expression),
        timeline: (text) => void notes.push(text),
        setFields: (values) => Object.assign(ctx.record, values),
      },
      params,
      step.timeoutMs ?? 2_000,
    );
    for (const text of notes) await ctx.note(text);
  };
}

function workspaceOf(context: WorkspaceContext) {
  const { app } = context.definition;
  return {
    id: context.workspaceId,
    locale: app.locales[0] ?? "en",
    locales: [...app.locales],
    timezone: app.timezone ?? "UTC",
  };
}

/** Who an outbox step acts for: the user who caused it, or the workspace's system user once they are deactivated. */
async function actorOf(storage: Storage, workspaceId: string, userId: string, system: Actor): Promise<Actor> {
  const found = await userActor(storage.sql, workspaceId, { id: userId });
  return found?.active ? found.actor : system;
}

function outboxStep(type: string, plugin: Plugin, step: StepDefinition<never, unknown>, services: PluginServices) {
  return {
    async run(params: Record<string, unknown>, ctx: StepContext) {
      const wrong = problemsOf(step.params, params);
      if (wrong) throw stepFailed(type, `its params are invalid: ${wrong}`);
      // The state field moves when the transition's steps have run: the delivery sees the state entered.
      const stateField = ctx.workspace.definition.processes.get(ctx.instance.process)?.stateField;
      return {
        params,
        entity: ctx.entity.name,
        process: { name: ctx.instance.process, state: ctx.instance.state, event: ctx.event.type },
        record: { ...ctx.record, ...(stateField ? { [stateField]: ctx.instance.state } : {}) },
        userId: ctx.actor.system ? null : ctx.actor.id,
      };
    },
    async deliver(payload: Record<string, unknown>, delivery: DeliveryContext) {
      const { context, system } = await services.workspace(delivery.workspaceId);
      const actor = payload.userId
        ? await actorOf(services.storage, delivery.workspaceId, String(payload.userId), system)
        : system;
      const record = payload.record as Record<string, unknown>;
      const { sql } = services.storage;
      const notes: string[] = [];
      const entity = context.definition.entities.get(String(payload.entity));
      const process = payload.process as { name: string; state: string; event: string };
      await runChecked(
        type,
        step,
        {
          workspace: workspaceOf(context),
          entity: String(payload.entity),
          process,
          record,
          user: pluginUser(actor),
          records: pluginRecords(services.records(context), actor),
          directory: {
            people: async (rules, options) =>
              describePeople(
                sql,
                delivery.workspaceId,
                await resolvePeople(
                  rules,
                  { record, submitterId: actor.system ? null : actor.id, approverIds: [] },
                  sqlDirectory(sql, delivery.workspaceId),
                  options,
                ),
              ),
            openLoad: (ids) => openLoad(sql, context, String(payload.entity), process.name, ids, String(record.id)),
          },
          state: pluginState(sql, delivery.workspaceId, plugin.name),
          log: pluginLogger(type, String(record.id)),
          idempotencyKey: delivery.key,
          now: () => services.clock.now(),
          settings: await pluginSettingsOf(sql, delivery.workspaceId, plugin.name),
          config: pluginConfigOf(context.definition, plugin.name),
          evaluate: (expression) => {
            if (!entity) throw new Error(`no entity "${String(payload.entity)}" in the workspace's definition`);
            const user = { id: actor.id, username: actor.username, roles: [...actor.roles] };
            const now = services.clock.now();
            return processExpression(
              entity,
              expression,
            )(processVariables(entity, { record, type: process.event, data: {}, user, now }));
          },
          timeline: (text) => void notes.push(text),
          setFields: () => {
            throw new Error("an outbox step changes records with ctx.records.update, not setFields");
          },
        },
        payload.params,
        step.timeoutMs ?? 30_000,
      );
      if (delivery.instanceId && notes.length > 0)
        await sql`insert into temper.process_events (workspace_id, instance_id, kind, event, data, from_state, to_state, actor_id, at)
          select ${delivery.workspaceId}, id, 'note', 'note', json_build_object('text', t.text)::jsonb, state, state, null, ${services.clock.now()}
          from temper.process_instances, unnest(${notes}::text[]) as t(text) where id = ${delivery.instanceId}`;
    },
  };
}

/**
 * The runtime's side of plugins: each step as a step implementation
 * (`transaction` steps run in the transition, `outbox` steps are delivered
 * after it, retried per their policy), each guard as a guard. Params are
 * checked before every run, output after it, and a run is cut off at its
 * timeout; any failure is the step's, named, never a corrupted record or state.
 *
 * @example
 * const { steps, guards } = pluginRegistries(plugins, services);
 * createRuntime({ storage, steps, guards });
 */
export function pluginRegistries(
  plugins: Plugin[],
  services: PluginServices,
): { steps: StepRegistry; guards: GuardRegistry } {
  const steps: StepRegistry = new Map();
  const guards: GuardRegistry = new Map();
  for (const plugin of plugins) {
    for (const step of plugin.steps) {
      const type = `${plugin.name}.${step.name}`;
      const implementation: StepImplementation =
        step.mode === "transaction"
          ? { type, run: transactionStep(type, plugin, step, services) }
          : { type, ...outboxStep(type, plugin, step, services), maxAttempts: step.retry?.attempts ?? 8 };
      steps.set(type, implementation);
    }
    for (const guard of plugin.guards ?? []) {
      guards.set(`${plugin.name}.${guard.name}`, (params, input) =>
        guard.check(
          {
            entity: input.entity.name,
            record: input.record,
            event: input.event,
            user: { id: input.user.id, username: input.user.username, roles: input.user.roles },
            now: input.now,
          },
          params as never,
        ),
      );
    }
  }
  return { steps, guards };
}
