// The studio benchmark's server, in a process of its own: what `temper serve` runs (the API and the
// studio build on one port, engine/src/cli/serve.ts) without its workers, so that no background
// work changes the customers or takes the machine while pages are timed (the scoring plugin's daily
// job rescores every customer on a fresh workspace). Serves DATABASE_URL's database and the
// TEMPER_STUDIO_BUILD folder on 127.0.0.1 and a free port, prints "Temper studio on <url>/", and
// stops on SIGTERM or SIGINT.
import { listenApiAndStudio, untilStopped } from "../../engine/src/cli/serve.ts";
import { servedEngine } from "../../engine/src/cli/served-engine.ts";
import { openStorage } from "../../engine/src/storage/platform/database.ts";

const { DATABASE_URL: url, TEMPER_STUDIO_BUILD: build } = process.env;
if (!url || !build) throw new Error("the studio benchmark's server needs DATABASE_URL and TEMPER_STUDIO_BUILD");
const storage = await openStorage(url);
try {
  const stopped = untilStopped();
  const { api } = await servedEngine(storage);
  const running = await listenApiAndStudio(api, { storage, port: 0, hostname: "127.0.0.1", studioBuild: build });
  try {
    console.log(`Temper studio on ${running.url}/`);
    await stopped;
  } finally {
    await running.close();
  }
} finally {
  await storage.close();
}
process.exit(0);
