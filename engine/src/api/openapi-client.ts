import { errors, json } from "./openapi-parts.ts";

const string = { type: "string" };
const strings = { type: "array", items: string };

const savedFilter = {
  type: "object",
  required: ["id", "entity", "name", "view", "query", "createdAt", "updatedAt"],
  properties: {
    id: { type: "string", format: "uuid" },
    entity: string,
    name: string,
    view: { type: ["string", "null"] },
    query: { ...string, description: "The list query language without cursor and limit: `region=east&sort=-amount`" },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
};

/** The routes clients build their screens from: who is signed in, the definition as they see it, their saved filters. */
export const clientPaths: Record<string, unknown> = {
  "/me": {
    get: {
      summary: "The signed-in user: unit, manager, roles, capabilities, and the workspace's app and version",
      responses: {
        200: {
          description: "You",
          ...json({
            type: "object",
            properties: {
              id: string,
              username: string,
              displayName: { type: ["string", "null"] },
              roles: strings,
              capabilities: strings,
              workspace: { type: "object", properties: { id: string, app: string, version: string } },
            },
          }),
        },
        ...errors(401),
      },
    },
  },
  "/definition": {
    get: {
      summary: "The published definition as you may see it: app, readable entities and fields, views, dashboards",
      description: "Views are trimmed to the fields you may read; entities without views get generated ones.",
      responses: {
        200: {
          description: "The definition",
          ...json({
            type: "object",
            properties: { app: { type: "object" }, entities: { type: "array" }, dashboards: { type: "array" } },
          }),
        },
        304: { description: "Unchanged since the ETag sent as If-None-Match" },
        ...errors(401),
      },
    },
  },
  "/saved-filters": {
    get: {
      summary: "Your saved list filters",
      parameters: [{ name: "entity", in: "query", required: false, schema: string }],
      responses: {
        200: {
          description: "Saved filters",
          ...json({ type: "object", properties: { savedFilters: { type: "array", items: savedFilter } } }),
        },
        ...errors(401),
      },
    },
    post: {
      summary: "Save a list's filters under a name (replacing the one of that name)",
      requestBody: json({
        type: "object",
        required: ["entity", "name", "query"],
        properties: { entity: string, name: string, query: string, view: { type: ["string", "null"] } },
      }),
      responses: {
        200: { description: "Replaced", ...json(savedFilter) },
        201: { description: "Saved", ...json(savedFilter) },
        ...errors(400, 401, 404, 422),
      },
    },
  },
  "/saved-filters/{id}": {
    parameters: [{ name: "id", in: "path", required: true, schema: string }],
    delete: {
      summary: "Delete one of your saved filters",
      responses: { 204: { description: "Deleted" }, ...errors(401, 404) },
    },
  },
};
