import { recordSchema } from "../definitions/index.ts";
import { inputSchema } from "../records/input-schema.ts";
import type { WorkspaceContext } from "../records/service.ts";
import { clientPaths } from "./openapi-client.ts";
import { peoplePaths, recordExtraPaths } from "./openapi-people.ts";
import { peopleSchemas } from "./openapi-people-schemas.ts";
import { errors, json } from "./openapi-parts.ts";
import { pluginPaths, processClientPaths, processPaths, taskPaths } from "./openapi-processes.ts";

/**
 * The OpenAPI 3.1 document of a workspace's API, generated from its published
 * definition: every entity's records, their input and output schemas.
 *
 * @example
 * openApiDocument(context).paths["/records/customer"].get.summary; // "List customers"
 */
export function openApiDocument(context: WorkspaceContext) {
  const { app, entities } = context.definition;
  const locale = app.locales[0] ?? "en";
  const schemas: Record<string, unknown> = {
    ...peopleSchemas,
    Problem: {
      type: "object",
      required: ["type", "title", "status", "code", "detail"],
      properties: {
        type: { type: "string" },
        title: { type: "string" },
        status: { type: "integer" },
        code: { type: "string" },
        detail: { type: "string" },
        problems: {
          type: "array",
          items: {
            type: "object",
            properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  };
  const paths: Record<string, unknown> = {
    "/health": {
      get: { summary: "Check the server and its database", security: [], responses: { 200: { description: "Up" } } },
    },
    "/auth/login": {
      post: {
        summary: "Sign in and get a bearer token",
        security: [],
        requestBody: json({
          type: "object",
          required: ["workspace", "username", "password"],
          properties: { workspace: { type: "string" }, username: { type: "string" }, password: { type: "string" } },
        }),
        responses: {
          200: {
            description: "Signed in",
            ...json({
              type: "object",
              properties: { token: { type: "string" }, expiresAt: { type: "string", format: "date-time" } },
            }),
          },
          ...errors(400, 401),
        },
      },
    },
    ...peoplePaths,
    ...taskPaths,
    ...processClientPaths,
    ...pluginPaths,
    ...clientPaths,
  };
  for (const entity of entities.values()) {
    const name = entity.name;
    const plural = entity.pluralLabel[locale] ?? name;
    const label = entity.label[locale] ?? name;
    const record = { $ref: `#/components/schemas/${name}` };
    schemas[name] = recordSchema(app, entity);
    schemas[`${name}_create`] = inputSchema(entity, "create", context.definition.pluginFieldTypes);
    schemas[`${name}_update`] = inputSchema(entity, "update", context.definition.pluginFieldTypes);
    const id = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
    paths[`/records/${name}`] = {
      get: {
        summary: `List ${plural}`,
        description:
          "Filter with `field=value` or `field.op=value` (eq, ne, lt, lte, gt, gte, in, not_in, contains, empty, not_empty); sort with `sort=-field,field`; page with `limit` and `cursor`; search the title with `q`.",
        responses: {
          200: {
            description: plural,
            ...json({
              type: "object",
              properties: { records: { type: "array", items: record }, nextCursor: { type: "string" } },
            }),
          },
          ...errors(400, 401, 404),
        },
      },
      post: {
        summary: `Create a ${label}`,
        requestBody: json({ $ref: `#/components/schemas/${name}_create` }),
        responses: { 201: { description: `The new ${label}`, ...json(record) }, ...errors(400, 401, 404, 422) },
      },
    };
    paths[`/records/${name}/{id}`] = {
      parameters: [id],
      get: {
        summary: `Read a ${label}`,
        responses: { 200: { description: label, ...json(record) }, ...errors(401, 404) },
      },
      patch: {
        summary: `Change a ${label}`,
        description:
          'Send the version you read as `If-Match: "<version>"` or `version` in the body; a stale version gets 409.',
        requestBody: json({ $ref: `#/components/schemas/${name}_update` }),
        responses: {
          200: { description: `The changed ${label}`, ...json(record) },
          ...errors(400, 401, 404, 409, 422),
        },
      },
      delete: {
        summary: `Delete a ${label}`,
        responses: { 204: { description: "Deleted" }, ...errors(401, 404, 409) },
      },
    };
    paths[`/records/${name}/import`] = {
      post: {
        summary: `Import ${plural} from CSV`,
        description:
          "Every row is checked first; nothing is written unless all are valid (or `partial=true`). `key=<field>` updates matching records; `ref.<column>=<field>` matches references by a key.",
        parameters: [
          { name: "key", in: "query", schema: { type: "string" } },
          { name: "partial", in: "query", schema: { type: "boolean" } },
        ],
        requestBody: { content: { "text/csv": { schema: { type: "string" } } } },
        responses: { 200: { description: "Imported" }, ...errors(400, 401, 404, 422) },
      },
    };
    paths[`/records/${name}/export`] = {
      get: {
        summary: `Export ${plural}`,
        description: "The list's filters and sort; `format=csv|json`, `fields=a,b`.",
        parameters: [{ name: "format", in: "query", schema: { enum: ["csv", "json"] } }],
        responses: {
          200: {
            description: plural,
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/json": { schema: { type: "array", items: record } },
            },
          },
          ...errors(400, 401, 404),
        },
      },
    };
    paths[`/records/${name}/{id}/history`] = {
      parameters: [id],
      get: {
        summary: `The changes of a ${label}'s tracked fields`,
        responses: { 200: { description: "History" }, ...errors(401, 404) },
      },
    };
    paths[`/records/${name}/schema`] = {
      get: {
        summary: `The input schemas of a ${label} as you may write it`,
        description:
          "`create` and `update`: the JSON Schemas the records service checks writes against, narrowed to the fields you may write.",
        responses: {
          200: {
            description: "The schemas",
            ...json({ type: "object", properties: { create: { type: "object" }, update: { type: "object" } } }),
          },
          ...errors(401, 404),
        },
      },
    };
    paths[`/records/${name}/{id}/access`] = {
      parameters: [id],
      get: {
        summary: `What you may do with a ${label}`,
        responses: {
          200: {
            description: "Whether you may change, delete and annotate it, and the fields you may write",
            ...json({
              type: "object",
              properties: {
                update: { type: "boolean" },
                delete: { type: "boolean" },
                annotate: { type: "boolean" },
                writable: { type: "array", items: { type: "string" } },
              },
            }),
          },
          ...errors(401, 404),
        },
      },
    };
    Object.assign(paths, recordExtraPaths(name, label, plural));
    Object.assign(paths, processPaths(context.definition, entity, label));
  }
  return {
    openapi: "3.1.0",
    info: { title: `${app.label[locale] ?? app.id} API`, version: app.version },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas },
    paths,
  };
}
