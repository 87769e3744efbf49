import type { Definition, Entity } from "../definitions/index.ts";
import { errors, json } from "./openapi-parts.ts";

const id = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

const eventOption = {
  type: "object",
  required: ["process", "event", "label", "available"],
  properties: {
    process: { type: "string" },
    event: { type: "string" },
    label: { type: "object", additionalProperties: { type: "string" } },
    data: { type: "object", description: "The JSON Schema of the event's data." },
    available: { type: "boolean" },
    reason: { type: "string", description: "Why the event is not available now." },
    refused: {
      enum: ["forbidden", "not_in_state", "guard"],
      description: "What refuses it: the user's roles, the state, or the event's conditions.",
    },
  },
};

/**
 * The request body of firing an event on an entity's records: one branch per
 * event of its processes, with that event's data schema.
 */
function eventRequest(definition: Definition, entity: Entity) {
  const branches = [...definition.processes.values()]
    .filter((p) => p.entity === entity.name)
    .flatMap((process) =>
      Object.entries(process.events).map(([event, declared]) => ({
        type: "object",
        required: ["type"],
        properties: {
          type: { const: event },
          process: { const: process.name },
          data: declared.data ?? { type: "object", maxProperties: 0 },
          expectedVersion: { type: "integer", minimum: 0 },
        },
        additionalProperties: false,
      })),
    );
  return { oneOf: branches };
}

/**
 * The OpenAPI paths of an entity's processes (events, the process view) when
 * it has any, and of the approval inbox.
 *
 * @example
 * processPaths(definition, complaint)["/records/complaint/{id}/events"].post.summary; // "Fire an event on a Complaint"
 */
export function processPaths(definition: Definition, entity: Entity, label: string): Record<string, unknown> {
  if (![...definition.processes.values()].some((p) => p.entity === entity.name)) return {};
  return {
    [`/records/${entity.name}/{id}/events`]: {
      parameters: [id],
      get: {
        summary: `The events a user may fire on a ${label} now`,
        responses: {
          200: {
            description: "Each event with whether it is available and why not",
            ...json({ type: "object", properties: { events: { type: "array", items: eventOption } } }),
          },
          ...errors(401, 404),
        },
      },
      post: {
        summary: `Fire an event on a ${label}`,
        description:
          "One transaction: the event right, the guard, the new state, record changes, timers and side effects. " +
          "`expectedVersion` (or `If-Match`) makes a stale instance answer 409 `version_conflict`; an event the state " +
          "does not take answers 409 `state_conflict`; conditions that do not hold answer 422 `guard_failed`.",
        requestBody: json(eventRequest(definition, entity)),
        responses: {
          200: {
            description: "The new state and the record",
            ...json({
              type: "object",
              properties: {
                process: { type: "string" },
                event: { type: "string" },
                from: { type: "string" },
                state: { type: "string" },
                version: { type: "integer" },
                record: { $ref: `#/components/schemas/${entity.name}` },
              },
            }),
          },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    [`/records/${entity.name}/{id}/process`]: {
      parameters: [id],
      get: {
        summary: `Where a ${label}'s processes stand`,
        description:
          "State, timeline of transitions and decisions, pending timers, approvals, undelivered side effects.",
        responses: { 200: { description: "The processes" }, ...errors(401, 404) },
      },
    },
  };
}

/** The approval inbox's paths. */
export const taskPaths = {
  "/tasks": {
    get: {
      summary: "My approval tasks",
      responses: { 200: { description: "Pending tasks, oldest first" }, ...errors(401) },
    },
  },
  "/tasks/{id}/{decision}": {
    parameters: [
      id,
      { name: "decision", in: "path", required: true, schema: { enum: ["approve", "reject", "return", "delegate"] } },
    ],
    post: {
      summary: "Decide an approval task",
      description:
        "`reject` needs a `comment` (the reason); `delegate` needs `to` (a username who may read the record).",
      requestBody: json({
        type: "object",
        properties: { comment: { type: "string" }, to: { type: "string" } },
        additionalProperties: false,
      }),
      responses: {
        200: { description: "The decision and where the process stands" },
        ...errors(401, 403, 404, 409, 422),
      },
    },
  },
};

const label = { type: "object", additionalProperties: { type: "string" } };
const nullableLabel = { type: ["object", "null"], additionalProperties: { type: "string" } };

const visibleProcess = {
  type: "object",
  required: ["name", "label", "entity", "stateField", "initial", "states", "events"],
  properties: {
    name: { type: "string" },
    label,
    entity: { type: "string" },
    stateField: { type: ["string", "null"] },
    initial: { type: "string" },
    states: {
      type: "array",
      description: "In the order a record goes through them (breadth first from the initial state), final states last.",
      items: {
        type: "object",
        required: ["name", "label", "final", "approval", "transitions"],
        properties: {
          name: { type: "string" },
          label,
          final: { type: "boolean" },
          approval: { type: "boolean" },
          levels: {
            type: "array",
            description: "An approval state's levels, in order.",
            items: { type: "object", properties: { name: { type: "string" }, label } },
          },
          transitions: {
            type: "array",
            items: {
              type: "object",
              properties: { event: { type: "string" }, targets: { type: "array", items: { type: "string" } } },
            },
          },
        },
      },
    },
    events: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "label", "mayFire"],
        properties: {
          name: { type: "string" },
          label,
          description: label,
          data: { type: "object", description: "The JSON Schema of the event's data." },
          mayFire: { type: "boolean" },
        },
      },
    },
  },
};

const upcomingTimer = {
  type: "object",
  required: ["id", "kind", "dueAt", "entity", "recordId", "title", "process", "state"],
  properties: {
    id: { type: "string", format: "uuid" },
    kind: { enum: ["after", "reminder", "approval_timeout"] },
    dueAt: { type: "string", format: "date-time" },
    entity: { type: "string" },
    recordId: { type: "string", format: "uuid" },
    title: { type: ["string", "null"] },
    process: { type: "string" },
    processLabel: label,
    state: { type: "string" },
    stateLabel: label,
    target: { type: ["string", "null"], description: "An `after` timer: the state it leads to." },
    targetLabel: nullableLabel,
    message: { ...nullableLabel, description: "A reminder: its message in each locale." },
    level: { type: ["string", "null"], description: "An approval timeout: the level waiting." },
    levelLabel: nullableLabel,
    then: { enum: ["escalate", "reject", "approve", null] },
  },
};

/** A process's shape as the user may see it, and the timers due on the records they own. */
export const processClientPaths = {
  "/processes/{name}": {
    parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
    get: {
      summary: "A process as you may see it: its states, where each event leads, the events you may fire",
      description: "404 unless you may read the process's entity. Guards and steps are not shown.",
      responses: { 200: { description: "The process", ...json(visibleProcess) }, ...errors(401, 404) },
    },
  },
  "/timers": {
    get: {
      summary: "The pending timers of the processes of the records you own, soonest first",
      description:
        "Timed transitions, reminders and approval timeouts due from `from` (now by default) until before `to` " +
        "(30 days later by default; 92 days at most); 500 at most.",
      parameters: [
        { name: "from", in: "query", schema: { type: "string", format: "date-time" } },
        { name: "to", in: "query", schema: { type: "string", format: "date-time" } },
      ],
      responses: {
        200: {
          description: "The timers",
          ...json({ type: "object", properties: { timers: { type: "array", items: upcomingTimer } } }),
        },
        ...errors(400, 401),
      },
    },
  },
};

const pluginName = { name: "name", in: "path", required: true, schema: { type: "string" } };

const jobStatus = {
  type: "object",
  required: ["name", "description", "every", "nextRunAt", "lastRunAt", "lastStatus", "lastResult", "attempts"],
  properties: {
    name: { type: "string" },
    description: { type: "string" },
    every: { type: ["string", "null"], description: "An ISO-8601 duration; null for a job that runs on demand only." },
    nextRunAt: { type: ["string", "null"], format: "date-time" },
    lastRunAt: { type: ["string", "null"], format: "date-time" },
    lastStatus: { enum: ["running", "ok", "failed", null] },
    lastResult: { type: ["object", "null"], description: "What the last run returned, or `{ error }`." },
    attempts: { type: "integer", description: "Failed runs in a row." },
  },
};

/**
 * The plugins' paths: the plugins the engine runs, their settings, and their
 * jobs (listed, and run on demand).
 *
 * @example
 * pluginPaths["/plugins/{name}/jobs/{job}"].post.summary; // "Run a plugin's job now"
 */
export const pluginPaths = {
  "/plugins": {
    get: {
      summary:
        "The plugins this engine runs: steps, guards, jobs, field types, settings schema, and whether the workspace enables each",
      responses: { 200: { description: "The plugins" }, ...errors(401) },
    },
  },
  "/plugins/{name}/settings": {
    parameters: [pluginName],
    get: {
      summary: "A plugin's settings in the workspace, secrets masked (manage_definition)",
      responses: { 200: { description: "The settings" }, ...errors(401, 403, 404) },
    },
    put: {
      summary: "Replace a plugin's settings (manage_definition); a masked secret keeps the stored one",
      requestBody: json({ type: "object" }),
      responses: { 200: { description: "The settings, secrets masked" }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  "/plugins/{name}/jobs": {
    parameters: [pluginName],
    get: {
      summary: "A plugin's jobs in the workspace: when each runs next, how its last run went (manage_definition)",
      responses: {
        200: {
          description: "The jobs",
          ...json({ type: "object", properties: { jobs: { type: "array", items: jobStatus } } }),
        },
        ...errors(401, 403, 404),
      },
    },
  },
  "/plugins/{name}/jobs/{job}": {
    parameters: [pluginName, { name: "job", in: "path", required: true, schema: { type: "string" } }],
    post: {
      summary: "Run a plugin's job now",
      description:
        "Runs the job in the workspace and answers when it is done (`manage_definition`). A run that fails answers " +
        "200 with `status: failed` and the reason in `result.error`, recorded like a scheduled run. A run under way, " +
        "or a workspace whose app.json does not enable the plugin, answers 409.",
      responses: {
        200: {
          description: "How the run went",
          ...json({
            type: "object",
            properties: {
              plugin: { type: "string" },
              job: { type: "string" },
              status: { enum: ["ok", "failed"] },
              result: { type: "object" },
              ranAt: { type: "string", format: "date-time" },
              nextRunAt: { type: ["string", "null"], format: "date-time" },
            },
          }),
        },
        ...errors(401, 403, 404, 409),
      },
    },
  },
};
