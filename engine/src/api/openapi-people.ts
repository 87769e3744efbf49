import { errors, json } from "./openapi-parts.ts";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const string = { type: "string" };
const strings = { type: "array", items: string };
const nullable = { type: ["string", "null"] };
const query = (name: string, description: string, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema: string,
});
const path = (name: string) => ({ name, in: "path", required: true, schema: string });

/** The routes that work on any entity's records: annotations and stats, one pair per entity. */
export function recordExtraPaths(entity: string, label: string, plural: string): Record<string, unknown> {
  return {
    [`/records/${entity}/{id}/annotations`]: {
      parameters: [path("id")],
      get: {
        summary: `The annotations of a ${label}`,
        responses: {
          200: {
            description: "Oldest first",
            ...json({ type: "object", properties: { annotations: { type: "array", items: ref("Annotation") } } }),
          },
          ...errors(401, 404),
        },
      },
      post: {
        summary: `Annotate a ${label} (a manager over its owner); the owner is notified`,
        requestBody: json({ type: "object", required: ["body"], properties: { body: string } }),
        responses: { 201: { description: "Annotated", ...json(ref("Annotation")) }, ...errors(401, 403, 404, 422) },
      },
    },
    [`/records/${entity}/stats`]: {
      get: {
        summary: `Count ${plural} by person, day, process state or field, and sum their numbers, within your read scope`,
        description:
          "`group=owner`, `group=<field>`, `group=<date field>:day|week|month|quarter|year` (days in the app's time zone), `group=process:<name>` (a process's states, in the process's order; rows keyed by the process's name; `processes` names its states and state field); up to 3. `sum=` and `avg=<number, money or percent field>`, `min=` and `max=<number, money, percent, date or datetime field>` (up to 10 in all: each row gets `sum_<field>`, `avg_<field>`, `min_<field>`, `max_<field>`); the list's filters and `q`; `unit=<code>` for owners placed in that unit's subtree. A field you may not read is refused as if it did not exist.",
        parameters: [
          query("group", "a grouping; repeat for several"),
          query("sum", "a number field to sum per group; repeat, or separate with commas"),
          query("avg", "a number field to average per group; repeat, or separate with commas"),
          query("min", "a number or date field whose smallest value per group is wanted"),
          query("max", "a number or date field whose largest value per group is wanted"),
          query("unit", "an org unit's code"),
        ],
        responses: { 200: { description: "Counts", ...json(ref("Stats")) }, ...errors(400, 401, 404) },
      },
    },
  };
}

/** The routes of the organization, users, access explanations and notifications. */
export const peoplePaths: Record<string, unknown> = {
  "/org/units": {
    get: {
      summary: "The org chart: units as a tree",
      responses: {
        200: {
          description: "Units, parents first",
          ...json({ type: "object", properties: { units: { type: "array", items: ref("OrgUnit") } } }),
        },
        ...errors(401),
      },
    },
    post: {
      summary: "Add an org unit (manage_org)",
      requestBody: json({
        type: "object",
        required: ["code", "name"],
        properties: { code: string, name: string, kind: string, parent: nullable },
      }),
      responses: { 201: { description: "Added", ...json(ref("OrgUnit")) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  "/org/units/{code}": {
    parameters: [path("code")],
    patch: {
      summary: "Rename a unit or move it under another parent (manage_org); takes effect at once",
      requestBody: json({ type: "object", properties: { name: string, parent: nullable } }),
      responses: { 200: { description: "Changed", ...json(ref("OrgUnit")) }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  "/users": {
    get: {
      summary: "The people of the workspace: unit, manager, roles, active",
      parameters: [query("unit", "only those placed in this unit's subtree"), query("active", "true or false")],
      responses: {
        200: {
          description: "People",
          ...json({
            type: "object",
            properties: {
              users: { type: "array", items: ref("User") },
              system: {
                type: ["string", "null"],
                description:
                  "The id of the workspace's system user, which records name for what timers and imports did",
              },
            },
          }),
        },
        ...errors(400, 401, 404),
      },
    },
    post: {
      summary: "Add a user (manage_users)",
      requestBody: json({
        type: "object",
        required: ["username", "password"],
        properties: {
          username: string,
          password: string,
          displayName: string,
          email: string,
          roles: strings,
          unit: string,
          manager: string,
        },
      }),
      responses: { 201: { description: "Added", ...json(ref("User")) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  "/users/{username}": {
    parameters: [path("username")],
    patch: {
      summary: "Place a user: unit and manager (manage_org), roles and display name (manage_users)",
      requestBody: json({
        type: "object",
        properties: { unit: nullable, manager: nullable, roles: strings, displayName: nullable },
      }),
      responses: { 200: { description: "Placed", ...json(ref("User")) }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  "/users/{username}/handover": {
    parameters: [path("username")],
    post: {
      summary:
        "Hand a leaving user's records over to a successor; deactivates them and ends their sessions (manage_users)",
      requestBody: json({ type: "object", required: ["to"], properties: { to: string } }),
      responses: {
        200: {
          description: "Handed over",
          ...json({
            type: "object",
            properties: {
              from: string,
              to: string,
              records: { type: "object", additionalProperties: { type: "integer" } },
              total: { type: "integer" },
              tokensRevoked: { type: "integer" },
            },
          }),
        },
        ...errors(400, 401, 403, 404, 422),
      },
    },
  },
  "/access/explain": {
    get: {
      summary: "Why a user can or cannot create, read, update or delete (explain_access)",
      parameters: [
        query("user", "a username or user id", true),
        query("entity", "an entity", true),
        query("id", "a record id"),
      ],
      responses: {
        200: { description: "The explanation", ...json(ref("AccessExplanation")) },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/notifications": {
    get: {
      summary: "Your own notifications, newest first",
      parameters: [query("unread", "true: only unread ones"), query("limit", "1 to 200 (50)")],
      responses: {
        200: {
          description: "Notifications",
          ...json({
            type: "object",
            properties: { notifications: { type: "array", items: ref("Notification") }, unread: { type: "integer" } },
          }),
        },
        ...errors(400, 401),
      },
    },
  },
  "/notifications/{id}/read": {
    parameters: [path("id")],
    post: {
      summary: "Mark one of your notifications read",
      responses: { 204: { description: "Read" }, ...errors(401, 404) },
    },
  },
  "/notifications/read-all": {
    post: {
      summary: "Mark all your notifications read",
      responses: {
        200: { description: "How many", ...json({ type: "object", properties: { marked: { type: "integer" } } }) },
        ...errors(401),
      },
    },
  },
};
