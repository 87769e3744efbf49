import { labelOf } from "$lib/i18n";
import { visibleDefinition } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const [{ app, dashboards }, layout] = await Promise.all([visibleDefinition(event), event.parent()]);
  return {
    dashboards: dashboards.map((d) => ({
      href: `/dashboards/${d.name}`,
      label: labelOf(d.label, layout.locale, app.locales),
      description: labelOf(d.description, layout.locale, app.locales),
      widgets: d.widgets.length,
    })),
  };
};
