import { didYouMean } from "../suggest.ts";
import type { Checker } from "./checker.ts";

/** Checks the manifest: module names, and the entities and dashboards its navigation lists. */
export function checkApp(checker: Checker): void {
  const { app, entities, dashboards } = checker.definition;
  const file = "app.json";
  checker.label(app.label, file, "/label");
  if (app.description) checker.label(app.description, file, "/description");
  const modules = new Set<string>();
  const placed = new Map<string, string>();
  app.modules.forEach((module, i) => {
    const at = `/modules/${i}`;
    if (modules.has(module.name))
      checker.report(file, `${at}/name`, "name.duplicate", `two modules are named "${module.name}"`);
    modules.add(module.name);
    checker.label(module.label, file, `${at}/label`);
    module.entities?.forEach((name, j) => {
      if (!entities.has(name)) {
        checker.report(
          file,
          `${at}/entities/${j}`,
          "ref.entity",
          `unknown entity "${name}"${didYouMean(name, entities.keys())}`,
        );
      } else if (placed.has(name)) {
        checker.report(
          file,
          `${at}/entities/${j}`,
          "module.entity-twice",
          `"${name}" is already in the module "${placed.get(name)}"`,
          "warning",
        );
      }
      placed.set(name, module.name);
    });
    module.dashboards?.forEach((name, j) => {
      if (!dashboards.has(name)) {
        checker.report(
          file,
          `${at}/dashboards/${j}`,
          "ref.dashboard",
          `unknown dashboard "${name}"${didYouMean(name, dashboards.keys())}`,
        );
      }
    });
  });
}
