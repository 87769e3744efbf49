import { labelOf } from "$lib/i18n";
import { visibleDefinition } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

/** `/boards`: every board the user may see, by the app's modules' order of entities. */
export const load: PageServerLoad = async (event) => {
  const [definition, layout] = await Promise.all([visibleDefinition(event), event.parent()]);
  const { app } = definition;
  const label = (text: Record<string, string> | undefined) => labelOf(text, layout.locale, app.locales);
  const order = app.modules.flatMap((m) => m.entities ?? []);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const entities = definition.entities
    .filter((e) => e.views.boards.length > 0)
    .sort((a, b) => rank(a.name) - rank(b.name));
  return {
    groups: entities.map((entity) => ({
      entity: entity.name,
      label: label(entity.pluralLabel),
      boards: entity.views.boards.map((board) => ({
        name: board.name,
        label: label(board.label),
        href: `/boards/${entity.name}/${board.name}`,
        columns: board.columns?.length ?? null,
      })),
    })),
  };
};
