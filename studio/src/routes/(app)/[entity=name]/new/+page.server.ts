import { error } from "@sveltejs/kit";
import { labelOf, translator } from "$lib/i18n";
import { inSentence } from "$lib/i18n/sentence";
import { formPage, saveRecord } from "$lib/server/record-form";
import { entityOrThrow } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const [entity, layout] = await Promise.all([entityOrThrow(event, event.params.entity), event.parent()]);
  if (!entity.access.create) {
    const label = inSentence(labelOf(entity.label, layout.locale, layout.locales), layout.locale);
    error(403, translator(layout.locale)("form.mayNotCreate", { entity: label }));
  }
  return { form: await formPage(event, layout.locale, { mode: "create", prefill: event.url.searchParams }) };
};

export const actions: Actions = {
  default: (event) => saveRecord(event, "create"),
};
