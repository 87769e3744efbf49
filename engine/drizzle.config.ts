import { defineConfig } from "drizzle-kit";

// Migrations of the platform's own tables (`temper` schema); entity tables are
// planned from the definition by the engine's migration planner instead.
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./src/storage/platform/schema.ts",
    "./src/storage/platform/process-schema.ts",
    "./src/storage/platform/saved-filter-schema.ts",
  ],
  out: "./drizzle",
  schemaFilter: ["temper"],
});
