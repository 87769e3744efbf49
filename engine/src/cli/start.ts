import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { eq } from "drizzle-orm";
import { readDefinitionFolder } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { workspaces } from "../storage/platform/schema.ts";
import { installPlugins, pluginsInUse, pluginsOfFolder } from "../plugins/install.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser } from "../users/service.ts";
import { serveApi } from "./serve.ts";

const referenceCrm = fileURLToPath(new URL("../../../definitions/examples/crm", import.meta.url));

/** The demo's people: one per kind of user of the reference CRM. */
export const demoUsers = [
  { username: "admin", displayName: "Ada Admin", roles: ["administrator"] },
  { username: "exec", displayName: "Erin Executive", roles: ["executive"] },
  { username: "manager", displayName: "Min-jun Manager", roles: ["sales_manager"] },
  { username: "rep", displayName: "Li Wei", roles: ["sales_rep"] },
  { username: "agent", displayName: "Sam Agent", roles: ["service_agent"] },
] as const;

/** The demo password, printed at start: the demo is for trying Temper out, never for real data. */
export const demoPassword = "temper-demo";

/**
 * Prepares the demo workspace: creates it on first start, publishes the
 * reference CRM (nothing changes when it is already current) and adds the
 * demo users who are missing.
 *
 * @example
 * await prepareDemo(storage); // "demo" runs definitions/examples/crm
 */
export async function prepareDemo(storage: Storage, workspaceId = "demo"): Promise<void> {
  const [existing] = await storage.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!existing) await createWorkspace(storage, workspaceId);
  const { texts } = await readDefinitionFolder(referenceCrm);
  await installPlugins([...(await pluginsInUse(storage)), ...(await pluginsOfFolder(referenceCrm))]);
  await publishDefinition(storage, { workspaceId, texts, publishedBy: "temper start" });
  for (const user of demoUsers) {
    await addUser(storage, {
      workspaceId,
      username: user.username,
      displayName: user.displayName,
      password: demoPassword,
      roles: [...user.roles],
    }).catch((error) => {
      if (!(error instanceof EngineError && error.code === "conflict")) throw error;
    });
  }
}

/** `temper start`: the demo workspace with the reference CRM, served on 127.0.0.1:3000. */
export function startCommand(): Command {
  return new Command("start")
    .description(
      "create (on first start) the demo workspace with the reference CRM and its demo users, then serve the API",
    )
    .option("--port <n>", "the port (PORT, else 3000)")
    .option("--host <host>", "the address to listen on (HOST, else 127.0.0.1)")
    .addHelpText(
      "after",
      "\nData lives in ./.temper (TEMPER_HOME), or in DATABASE_URL's database.\nExample: pnpm start",
    )
    .action(async (options: { port?: string; host?: string }) => {
      await serveApi({
        ...options,
        prepare: prepareDemo,
        banner: () => {
          console.log(`Demo workspace "demo" with the reference CRM. Sign in with POST /api/v1/auth/login as:`);
          for (const user of demoUsers)
            console.log(`  ${user.username.padEnd(8)} ${demoPassword}   (${user.roles.join(", ")})`);
        },
      });
    });
}
