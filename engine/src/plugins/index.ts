export { loadPlugins } from "./load.ts";
export { pluginRegistries, type PluginServices } from "./adapt.ts";
export { pluginCatalog, pluginConfigOf } from "./catalog.ts";
export { engineRuntime, installPlugins, pluginsInUse, pluginsOfFolder } from "./install.ts";
export { hiddenSecret, pluginSettingsOf, setPluginSettings, shownSettings } from "./settings.ts";
