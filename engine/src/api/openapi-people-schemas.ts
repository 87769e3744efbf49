const string = { type: "string" };
const strings = { type: "array", items: string };
const nullable = { type: ["string", "null"] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The schemas of people, org units, explanations, annotations, notifications and stats. */
export const peopleSchemas = {
  OrgUnit: {
    type: "object",
    properties: {
      code: string,
      name: string,
      kind: { enum: ["company", "region", "department", "team"] },
      parent: nullable,
      depth: { type: "integer" },
      people: { type: "integer" },
    },
  },
  User: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      username: string,
      displayName: nullable,
      email: nullable,
      unit: nullable,
      manager: nullable,
      roles: strings,
      active: { type: "boolean" },
    },
  },
  Decision: {
    type: "object",
    properties: {
      allowed: { type: "boolean" },
      reason: string,
      grant: { type: "object", properties: { role: string, scope: string, condition: string } },
      grants: { type: "array", items: { type: "object" } },
    },
  },
  AccessExplanation: {
    type: "object",
    properties: {
      user: ref("User"),
      entity: string,
      record: { type: "object", properties: { id: string, owner: string, ownerName: string } },
      operations: {
        type: "object",
        properties: Object.fromEntries(["create", "read", "update", "delete"].map((o) => [o, ref("Decision")])),
      },
      fields: { type: "object", properties: { read: strings, write: strings } },
      events: { type: "object", additionalProperties: strings },
    },
  },
  Annotation: {
    type: "object",
    properties: {
      id: string,
      entity: string,
      recordId: string,
      author: string,
      body: string,
      createdAt: { type: "string", format: "date-time" },
    },
  },
  Notification: {
    type: "object",
    properties: {
      id: string,
      kind: string,
      entity: nullable,
      recordId: nullable,
      actor: nullable,
      message: string,
      createdAt: { type: "string", format: "date-time" },
      readAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  Stats: {
    type: "object",
    properties: {
      groups: strings,
      sums: strings,
      rows: {
        type: "array",
        items: {
          type: "object",
          properties: { count: { type: "integer" } },
          additionalProperties: {
            description:
              "A group's value by field (by process name for a process's states), and `sum_<field>`, `avg_<field>`, `min_<field>`, `max_<field>` per summarized field",
          },
        },
      },
      total: { type: "integer" },
      users: { type: "object", additionalProperties: string },
      processes: {
        type: "object",
        description: "The processes grouped by, by name: their states in the process's order",
        additionalProperties: {
          type: "object",
          properties: {
            stateField: string,
            states: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  name: string,
                  label: { type: "object", additionalProperties: string },
                  final: { type: "boolean" },
                },
              },
            },
          },
        },
      },
      truncated: { type: "boolean" },
    },
  },
};
