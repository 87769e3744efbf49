import type { DefinitionText } from "./parse.ts";

/** A small but complete definition as objects by path, for tests to change one thing at a time. */
export type DefinitionObjects = Record<string, Record<string, unknown>>;

const en = (text: string) => ({ en: text });

/**
 * A small helpdesk definition touching every kind of file: one entity with a
 * computed field and a self-reference, a role with a condition and event
 * rights, a process with a guard, a timer and actions, views and a dashboard.
 *
 * @example
 * const objects = helpdeskDefinition();
 * (objects["entities/ticket.json"].fields as object[]).push({ ... });
 * validateDefinitionTexts(toTexts(objects));
 */
export function helpdeskDefinition(): DefinitionObjects {
  return {
    "app.json": {
      id: "helpdesk",
      version: "1.0.0",
      label: en("Helpdesk"),
      locales: ["en"],
      modules: [{ name: "main", label: en("Main"), entities: ["ticket"], dashboards: ["overview"] }],
    },
    "entities/ticket.json": {
      name: "ticket",
      label: en("Ticket"),
      pluralLabel: en("Tickets"),
      titleField: "subject",
      fields: [
        { name: "subject", type: "text", label: en("Subject"), required: true, maxLength: 200 },
        {
          name: "status",
          type: "enum",
          label: en("Status"),
          options: [
            { value: "open", label: en("Open") },
            { value: "closed", label: en("Closed") },
          ],
          default: "open",
        },
        { name: "amount", type: "money", label: en("Amount"), min: 0, track: true },
        { name: "probability", type: "percent", label: en("Probability") },
        {
          name: "weighted",
          type: "computed",
          label: en("Weighted"),
          expression: "record.amount * record.probability / 100.0",
          resultType: "money",
        },
        { name: "parent", type: "reference", entity: "ticket", label: en("Parent"), onDelete: "set_null" },
        { name: "assignee", type: "user", label: en("Assignee") },
      ],
    },
    "roles/agent.json": {
      name: "agent",
      label: en("Agent"),
      permissions: [
        {
          entity: "ticket",
          create: "own",
          read: "own",
          update: { scope: "own", condition: "record.status != 'closed'" },
          fields: { read: ["*"], write: ["subject", "amount"] },
          events: { ticket_flow: ["close"] },
        },
      ],
    },
    "processes/ticket_flow.json": {
      name: "ticket_flow",
      label: en("Ticket flow"),
      entity: "ticket",
      stateField: "status",
      initial: "open",
      events: {
        close: {
          label: en("Close"),
          data: { type: "object", properties: { reason: { type: "string" } } },
        },
      },
      states: {
        open: {
          label: en("Open"),
          on: {
            close: {
              target: "closed",
              guard: { type: "expression", params: { expression: "record.amount >= 0.0" } },
              actions: [{ type: "set_fields", params: { fields: { probability: 100 } } }],
            },
          },
          after: {
            PT24H: {
              target: "closed",
              actions: [
                {
                  type: "notify",
                  params: {
                    to: [{ type: "manager", params: { of: "owner" } }],
                    message: en("{{record.subject}} closed"),
                  },
                },
              ],
            },
          },
        },
        closed: { label: en("Closed"), type: "final" },
      },
    },
    "views/ticket.json": {
      entity: "ticket",
      forms: [
        {
          name: "default",
          sections: [
            {
              name: "main",
              label: en("Main"),
              fields: ["subject", "status", { field: "amount", visibleWhen: "record.status == 'open'" }],
            },
          ],
        },
      ],
      lists: [
        {
          name: "mine",
          label: en("Mine"),
          columns: ["subject", "status", "updated_at"],
          filters: [
            { field: "owner", op: "is_current_user" },
            { field: "status", op: "in", value: ["open"] },
          ],
          sort: [{ field: "updated_at", direction: "desc" }],
        },
      ],
      boards: [
        { name: "flow", label: en("Flow"), process: "ticket_flow", card: { fields: ["amount"], sum: "amount" } },
      ],
    },
    "dashboards/overview.json": {
      name: "overview",
      label: en("Overview"),
      widgets: [
        {
          name: "by_state",
          label: en("By state"),
          type: "funnel",
          entity: "ticket",
          measure: { aggregate: "count" },
          groupBy: [{ process: "ticket_flow" }],
        },
      ],
    },
  };
}

/** Serializes definition objects as the texts a folder would hold. */
export function toTexts(objects: DefinitionObjects): DefinitionText[] {
  return Object.entries(objects).map(([path, value]) => ({ path, text: JSON.stringify(value, null, 2) }));
}
