import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import simulationSchema from "@temper/definitions/schema/simulation.schema.json" with { type: "json" };
import type { Entity, Process } from "../../definitions/index.ts";
import { createAjv, definitionSchemas } from "../../definitions/schemas.ts";
import { isSystemField } from "../../definitions/scope.ts";
import { didYouMean } from "../../definitions/suggest.ts";
import { kindOfStep, type ScriptStep, type SimulationScript, stepKinds } from "./types.ts";

let validator: ValidateFunction | undefined;
const ajv = createAjv();
const eventValidators = new WeakMap<object, ValidateFunction>();

function scriptValidator(): ValidateFunction {
  if (!validator) {
    ajv.addSchema(definitionSchemas.common);
    validator = ajv.compile(simulationSchema);
  }
  return validator;
}

/** Where in the script a JSON pointer is, as a person says it: `step 3 (advance)`, `user 2`, `record`. */
function placeOf(script: unknown, pointer: string): { place: string; rest: string[] } {
  const [top, index, ...rest] = pointer.split("/").slice(1);
  if (top === "steps" && index !== undefined) {
    const step = (script as { steps: unknown[] }).steps[Number(index)];
    const kind = kindOfStep(step);
    return { place: `step ${Number(index) + 1}${kind ? ` (${kind})` : ""}`, rest };
  }
  if ((top === "users" || top === "units") && index !== undefined)
    return { place: `${top.slice(0, -1)} ${Number(index) + 1}`, rest };
  return { place: "the script", rest: [top, index, ...rest].filter((p): p is string => p !== undefined) };
}

function schemaProblem(script: unknown, error: ErrorObject): string | undefined {
  if (error.keyword === "if" || (error.keyword === "required" && error.schemaPath.startsWith("#/oneOf/")))
    return undefined;
  const { place, rest } = placeOf(script, error.instancePath);
  const path = rest.join(".");
  const value = JSON.stringify(error.data);
  const params = error.params as Record<string, unknown>;
  let what: string;
  if (error.keyword === "oneOf") {
    const present = stepKinds.filter((k) => Object.hasOwn(error.data as object, k));
    what =
      present.length > 1
        ? `has ${present.join(" and ")}: give only one of ${stepKinds.join(", ")}`
        : `names no step: give one of ${stepKinds.join(", ")}`;
  } else if (error.keyword === "required") {
    what = `missing "${[...rest, params.missingProperty].join(".")}"`;
  } else if (error.keyword === "additionalProperties") {
    const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
    what = `unknown property "${[...rest, params.additionalProperty].join(".")}"${didYouMean(String(params.additionalProperty), known)}`;
  } else if (error.schemaPath.includes("duration")) {
    what = `${path} ${value} is not a duration such as PT24H, P3D or P1M`;
  } else if (error.keyword === "format") {
    what = `${path} ${value} is not a date and time such as 2026-03-02T09:00:00Z`;
  } else if (error.schemaPath.includes("username")) {
    what = `${path} ${value} is not a username (lower-case letters, digits, ".", "_", "-")`;
  } else {
    what = `${path ? `${path} ` : ""}${error.message ?? "is invalid"}`;
  }
  return `${place}: ${what.trim()}`;
}

/** Why an event's data does not fit the schema its process declares for it, if it does not. */
export function eventDataProblem(process: Process, event: string, data: Record<string, unknown>): string | undefined {
  const schema = process.events[event]?.data;
  if (!schema) return Object.keys(data).length > 0 ? `"${event}" carries no data; give none` : undefined;
  let validate = eventValidators.get(schema);
  if (!validate) eventValidators.set(schema, (validate = ajv.compile(schema)));
  if (validate(data)) return undefined;
  const problems = (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "required") return `"${String(params.missingProperty)}" is required`;
    if (error.keyword === "additionalProperties")
      return `"${String(params.additionalProperty)}" is not part of "${event}"`;
    const field = error.instancePath.split("/").filter(Boolean).join(".") || "data";
    return `"${field}" ${error.message ?? "is invalid"}`;
  });
  return `the data of "${event}" is invalid: ${problems.join("; ")}`;
}

/** What a script refers to, checked against the definition and its own users. */
class References {
  readonly problems: string[] = [];
  readonly users: Set<string>;
  constructor(
    private readonly entity: Entity,
    private readonly process: Process,
    script: SimulationScript,
  ) {
    this.users = new Set((script.users ?? []).map((u) => u.username));
  }

  user(place: string, username: string | undefined, what = "user") {
    if (username !== undefined && !this.users.has(username))
      this.problems.push(
        `${place}: ${what} "${username}" is not among the script's users${didYouMean(username, this.users)}`,
      );
  }

  fields(place: string, values: Record<string, unknown>, options: { writable: boolean }) {
    for (const [name, value] of Object.entries(values)) {
      const field = this.entity.fields.find((f) => f.name === name);
      if (!field && !isSystemField(name)) {
        const names = this.entity.fields.map((f) => f.name);
        this.problems.push(`${place}: ${this.entity.name} has no field "${name}"${didYouMean(name, names)}`);
        continue;
      }
      if (options.writable && (field?.type === "computed" || (isSystemField(name) && name !== "owner")))
        this.problems.push(`${place}: "${name}" is computed by the engine and cannot be set`);
      if (name === "owner" || field?.type === "user" || name === "created_by" || name === "updated_by")
        for (const username of Array.isArray(value) ? value : [value])
          if (typeof username === "string") this.user(place, username, `${name} user`);
    }
  }

  step(place: string, step: ScriptStep) {
    const { process } = this;
    if ("event" in step) {
      this.user(place, step.as);
      if (!Object.hasOwn(process.events, step.event)) {
        const events = Object.keys(process.events);
        this.problems.push(
          `${place}: process "${process.name}" has no event "${step.event}"${didYouMean(step.event, events)}`,
        );
      } else {
        const problem = eventDataProblem(process, step.event, step.data ?? {});
        if (problem) this.problems.push(`${place}: ${problem}`);
      }
    } else if ("set" in step) this.fields(place, step.set, { writable: true });
    else if ("approve" in step) this.user(place, step.approve.as);
    else if ("reject" in step) this.user(place, step.reject.as);
    else if ("return" in step) this.user(place, step.return.as);
    else if ("delegate" in step) {
      this.user(place, step.delegate.as);
      this.user(place, step.delegate.to);
    } else if ("expect" in step) {
      const { state, fields, approvers } = step.expect;
      if (state !== undefined && !Object.hasOwn(process.states, state))
        this.problems.push(
          `${place}: process "${process.name}" has no state "${state}"${didYouMean(state, Object.keys(process.states))}`,
        );
      if (fields) this.fields(place, fields, { writable: false });
      for (const approver of approvers ?? []) this.user(place, approver);
    }
  }
}

/**
 * Checks a simulation script: its JSON Schema, then what it refers to (users,
 * units, fields, events and their data, states). Returns the typed script, or
 * one sentence per problem naming the step (counted from 1).
 *
 * @example
 * checkScript(process, complaint, { start: "2026-03-02T09:00:00Z", steps: [{ advance: "PT25" }] });
 * // { problems: ['step 1 (advance): advance "PT25" is not a duration such as PT24H, P3D or P1M'] }
 */
export function checkScript(
  process: Process,
  entity: Entity,
  input: unknown,
): { script?: SimulationScript; problems: string[] } {
  const validate = scriptValidator();
  if (!validate(input)) {
    const problems = (validate.errors ?? []).map((e) => schemaProblem(input, e)).filter((p) => p !== undefined);
    return { problems: [...new Set(problems)] };
  }
  const script = input as SimulationScript;
  const refs = new References(entity, process, script);
  const seen = new Set<string>();
  for (const [index, user] of (script.users ?? []).entries()) {
    if (seen.has(user.username)) refs.problems.push(`user ${index + 1}: "${user.username}" is listed twice`);
    seen.add(user.username);
    refs.user(`user ${index + 1}`, user.manager, "manager");
  }
  const units = new Set((script.units ?? []).map((u) => u.code));
  for (const [index, unit] of (script.units ?? []).entries())
    if (unit.parent !== undefined && !units.has(unit.parent))
      refs.problems.push(`unit ${index + 1}: parent "${unit.parent}" is not among the script's units`);
  refs.user("the script", script.as, "as");
  refs.fields("record", script.record ?? {}, { writable: false });
  for (const [index, step] of script.steps.entries()) refs.step(`step ${index + 1} (${kindOfStep(step)})`, step);
  return refs.problems.length > 0 ? { problems: refs.problems } : { script, problems: [] };
}
