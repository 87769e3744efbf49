import { labelOf, type Translate } from "./i18n";
import type { VisibleDefinition } from "./types";

export interface NavItem {
  href: string;
  label: string;
  kind: "entity" | "dashboard";
}

export interface NavGroup {
  name: string;
  label: string;
  items: NavItem[];
}

/**
 * The navigation of the app's modules in order, each with the entities and
 * dashboards the user may see (what the definition endpoint returns);
 * modules left empty are left out, and readable entities no module names
 * come last, under "More".
 *
 * @example
 * navigation(definition, "zh", t)[0]; // { name: "customers", label: "客户", items: [{ href: "/customer", label: "客户", kind: "entity" }, …] }
 */
export function navigation(definition: VisibleDefinition, locale: string, t: Translate): NavGroup[] {
  const { app } = definition;
  const entities = new Map(definition.entities.map((e) => [e.name, e]));
  const dashboards = new Map(definition.dashboards.map((d) => [d.name, d]));
  const placed = new Set<string>();
  const groups = app.modules.map((module) => {
    const items: NavItem[] = [];
    for (const name of module.entities ?? []) {
      const entity = entities.get(name);
      if (!entity || placed.has(name)) continue;
      placed.add(name);
      items.push({ href: `/${name}`, label: labelOf(entity.pluralLabel, locale, app.locales), kind: "entity" });
    }
    for (const name of module.dashboards ?? []) {
      const dashboard = dashboards.get(name);
      if (dashboard)
        items.push({
          href: `/dashboards/${name}`,
          label: labelOf(dashboard.label, locale, app.locales),
          kind: "dashboard",
        });
    }
    return { name: module.name, label: labelOf(module.label, locale, app.locales), items };
  });
  const rest = definition.entities
    .filter((e) => !placed.has(e.name))
    .map((e): NavItem => ({ href: `/${e.name}`, label: labelOf(e.pluralLabel, locale, app.locales), kind: "entity" }));
  if (rest.length > 0) groups.push({ name: "more", label: t("nav.more"), items: rest });
  return groups.filter((g) => g.items.length > 0);
}
