import type { Checker } from "./checker.ts";

/**
 * Checks plugins' configurations: each file configures a plugin app.json
 * enables and that takes a configuration, and fits its schema and checks; an
 * enabled plugin whose schema requires settings has its file.
 */
export function checkPluginConfigs(checker: Checker): void {
  const { app, pluginConfigs } = checker.definition;
  const enabled = app.plugins ?? [];
  for (const [plugin, config] of pluginConfigs) {
    const file = `plugins/${plugin}.json`;
    const declaration = checker.catalog.configs.get(plugin);
    if (!enabled.includes(plugin)) {
      checker.report(
        file,
        "",
        "ref.plugin",
        `configures the plugin "${plugin}", which app.json does not list in "plugins"`,
      );
    } else if (!declaration) {
      checker.report(file, "", "ref.plugin", `the plugin "${plugin}" takes no configuration`);
    } else if (checker.matchesSchema(declaration.schema, config, file, "", `"${plugin}"`, "config.invalid")) {
      for (const problem of declaration.check?.(config, checker.definition) ?? [])
        checker.report(file, problem.pointer, "config.invalid", problem.message);
    }
  }
  enabled.forEach((plugin, index) => {
    const declaration = checker.catalog.configs.get(plugin);
    if (!declaration || pluginConfigs.has(plugin)) return;
    const before = checker.findings.length;
    if (
      !checker.matchesSchema(declaration.schema, {}, "app.json", `/plugins/${index}`, `"${plugin}"`, "config.invalid")
    )
      checker.findings.splice(before, Infinity, {
        severity: "error",
        code: "config.invalid",
        file: "app.json",
        pointer: `/plugins/${index}`,
        message: `the plugin "${plugin}" needs its configuration in plugins/${plugin}.json`,
      });
  });
}
