import { fileURLToPath } from "node:url";
import type { Plugin } from "@temper/plugin-sdk";
import { builtInCatalog, type DefinitionText, installCatalog, readDefinitionFolder } from "../definitions/index.ts";
import { pluginCatalog } from "./catalog.ts";
import { pluginsOfFolder } from "./install.ts";
import { setInstalledPlugins } from "./installed.ts";
import { loadPlugins } from "./load.ts";

const crm = fileURLToPath(new URL("../../../definitions/examples/crm", import.meta.url));

/** A definition file's content as a test patches it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The reference CRM as a plugin's tests publish it: `extra` plugins enabled
 * beside the CRM's own, each file passed through `patch`; and those plugins
 * (the CRM's and the named ones loaded from the workspace's packages, plugin
 * objects as given) installed in this engine process, as an engine installs
 * the plugins in use.
 *
 * @example
 * const { texts, plugins } = await referenceCrmWith(["webhook"], (path, json) => {
 *   if (path === "processes/quote_approval.json") json.states.sent.on.accept.actions = [{ type: "webhook.post", params: {} }];
 * });
 */
export async function referenceCrmWith(
  extra: Array<string | Plugin>,
  patch: (path: string, json: Json) => void = () => {},
): Promise<{ texts: DefinitionText[]; plugins: Plugin[] }> {
  const names = extra.filter((p): p is string => typeof p === "string");
  const given = extra.filter((p): p is Plugin => typeof p !== "string");
  const plugins = [...(await loadPlugins([...(await pluginsOfFolder(crm)), ...names])), ...given];
  installCatalog(pluginCatalog(builtInCatalog(), plugins));
  setInstalledPlugins(plugins);
  const { texts } = await readDefinitionFolder(crm);
  return {
    plugins,
    texts: texts.map(({ path, text }) => {
      const json = JSON.parse(text);
      if (path === "app.json") json.plugins = [...(json.plugins ?? []), ...names, ...given.map((p) => p.name)];
      patch(path, json);
      return { path, text: JSON.stringify(json) };
    }),
  };
}
