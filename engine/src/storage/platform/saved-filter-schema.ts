import { text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { temper, users, workspaces } from "./schema.ts";

/**
 * A list's filters, sort and search that a user saved under a name, per
 * entity: the list query language as a query string (`region=east&sort=-updated_at`)
 * and the list view it refines.
 */
export const savedFilters = temper.table(
  "saved_filters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    entity: text("entity").notNull(),
    name: text("name").notNull(),
    view: text("view"),
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_filters_user_entity_name").on(t.userId, t.entity, t.name)],
);
