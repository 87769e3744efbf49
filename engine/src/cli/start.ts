import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { eq } from "drizzle-orm";
import { readDefinitionFolder } from "../definitions/index.ts";
import type { Storage } from "../storage/platform/database.ts";
import { workspaces } from "../storage/platform/schema.ts";
import { installPlugins, pluginsInUse, pluginsOfFolder } from "../plugins/install.ts";
import { demoCompany, demoLoginLines, demoPassword } from "../seed/org-chart.ts";
import type { DemoSeedOptions } from "../seed/seed-demo.ts";
import { isSeeded } from "../seed/seedable.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { seedDemoLoudly } from "./seed.ts";
import { serveApi } from "./serve.ts";

const referenceCrm = fileURLToPath(new URL("../../../definitions/examples/crm", import.meta.url));

/** How the demo is prepared: how its story is told, and where to say what happens. */
export interface DemoOptions {
  seed?: DemoSeedOptions;
  log?: (line: string) => void;
}

/**
 * Prepares the demo workspace: on first start, creates it, publishes the
 * reference CRM and seeds the demo company (its org, people and a few
 * months of data); on later starts, publishes the reference CRM again
 * (nothing changes when it is already current) and keeps the data. A demo
 * workspace whose seeding never finished is said so.
 *
 * @example
 * await prepareDemo(storage); // "demo" runs definitions/examples/crm with the demo company
 */
export async function prepareDemo(storage: Storage, workspaceId = "demo", options: DemoOptions = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const [existing] = await storage.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!existing) await createWorkspace(storage, workspaceId);
  const { texts } = await readDefinitionFolder(referenceCrm);
  await installPlugins([...(await pluginsInUse(storage)), ...(await pluginsOfFolder(referenceCrm))]);
  await publishDefinition(storage, { workspaceId, texts, publishedBy: "temper start" });
  if (!existing) await seedDemoLoudly(storage, workspaceId, options.seed ?? {}, log);
  else if (!(await isSeeded(storage, workspaceId)))
    log(
      `The "${workspaceId}" workspace has no complete demo data (an older Temper made it, or its seeding was cut short): stop Temper and remove ./.temper (or drop the database) to start afresh.`,
    );
}

/** The lines `temper start` prints once it serves: where to go and whom to sign in as. */
export function demoBanner(workspaceId: string, address: string | undefined): string[] {
  return [
    `Demo workspace "${workspaceId}": ${demoCompany}, on the reference CRM.`,
    `${address ? `Sign in at ${address} to` : "Sign in to"} workspace "${workspaceId}" with password ${demoPassword} as:`,
    ...demoLoginLines().map((line) => `  ${line}`),
  ];
}

/** `temper start`: the demo workspace with the reference CRM and the demo company, served on 127.0.0.1:3000. */
export function startCommand(): Command {
  return new Command("start")
    .description(
      "create (on first start) the demo workspace with the reference CRM, the demo company's people and a few months of its data, then serve the studio and the API",
    )
    .option("--port <n>", "the port (PORT, else 3000)")
    .option("--host <host>", "the address to listen on (HOST, else 127.0.0.1)")
    .addHelpText(
      "after",
      "\nData lives in ./.temper (TEMPER_HOME), or in DATABASE_URL's database.\nThe first start seeds the demo data (under a minute); later starts reuse it.\nExample: pnpm start",
    )
    .action(async (options: { port?: string; host?: string }) => {
      const port = options.port ?? process.env.PORT ?? "3000";
      const host = options.host ?? process.env.HOST ?? "127.0.0.1";
      await serveApi({
        ...options,
        prepare: (storage) => prepareDemo(storage, "demo", { log: console.log }),
        banner: () => {
          for (const line of demoBanner("demo", port === "0" ? undefined : `http://${host}:${port}`)) console.log(line);
        },
      });
    });
}
