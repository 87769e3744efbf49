import { fileURLToPath } from "node:url";
import { installPlugins, pluginsOfFolder } from "../../engine/src/plugins/install.ts";

// Suites publish the reference CRM: the plugins it enables are part of every engine the suites run.
const crm = fileURLToPath(new URL("../../definitions/examples/crm", import.meta.url));
await installPlugins(await pluginsOfFolder(crm));
