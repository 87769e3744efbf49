export { loadPlugins } from "./load.ts";
export { pluginCatalog, pluginRegistries, type PluginServices } from "./adapt.ts";
export { engineRuntime, installPlugins, pluginsInUse, pluginsOfFolder } from "./install.ts";
export { hiddenSecret, pluginSettingsOf, setPluginSettings, shownSettings } from "./settings.ts";
