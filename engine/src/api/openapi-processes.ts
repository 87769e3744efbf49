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
