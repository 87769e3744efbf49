import type { Plugin } from "@temper/plugin-sdk";

let installed: Plugin[] = [];

/**
 * The plugins this engine process installed (`installPlugins`): the ones a
 * runtime runs when it is not given its own list.
 *
 * @example
 * createRuntime({ storage }); // runs installedPlugins()' steps and guards
 */
export function installedPlugins(): Plugin[] {
  return installed;
}

/** Records the plugins installed in this engine process. */
export function setInstalledPlugins(plugins: Plugin[]): void {
  installed = plugins;
}
