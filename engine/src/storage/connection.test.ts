import { access } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "./connection.ts";
import { withConnection } from "./embedded/sql.ts";
import { createTestHome, removeTestHome } from "./test-server.ts";
import { serverPaths, temperHome } from "./embedded/paths.ts";

describe("resolveDatabase", () => {
  const homes: string[] = [];
  afterAll(async () => {
    for (const home of homes) await removeTestHome(home);
  });

  it("takes DATABASE_URL as is and starts nothing", async () => {
    const home = await createTestHome();
    homes.push(home);
    const env = { DATABASE_URL: "postgres://crm@db.internal:5432/crm", TEMPER_HOME: home };
    const database = await resolveDatabase({ env });
    expect(database).toMatchObject({ url: env.DATABASE_URL, embedded: false });
    await database.stop();
    await expect(access(join(home, "pg"))).rejects.toThrow();
  });

  it("otherwise starts the embedded server of TEMPER_HOME and stops it", async () => {
    const home = await createTestHome();
    homes.push(home);
    const database = await resolveDatabase({ env: { TEMPER_HOME: home }, sync: false });
    expect(database.embedded).toBe(true);
    expect(await withConnection(database.url, (sql) => sql`select current_database() as db`)).toEqual([
      { db: "temper" },
    ]);
    await database.stop();
    await expect(access(join(serverPaths(home).dataDir, "postmaster.pid"))).rejects.toThrow();
  });

  it("puts TEMPER_HOME in ./.temper unless told otherwise", () => {
    expect(temperHome({}, "/srv/crm")).toBe("/srv/crm/.temper");
    expect(temperHome({ TEMPER_HOME: "data/temper" }, "/srv/crm")).toBe("/srv/crm/data/temper");
    expect(serverPaths("/srv/crm/.temper")).toMatchObject({
      dataDir: "/srv/crm/.temper/pg/data",
      passwordFile: "/srv/crm/.temper/pg/password",
    });
  });
});
