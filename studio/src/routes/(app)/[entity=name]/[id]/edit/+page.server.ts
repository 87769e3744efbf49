import { labelOf, translator } from "$lib/i18n";
import { inSentence } from "$lib/i18n/sentence";
import { readApi } from "$lib/server/api";
import { formPage, saveRecord } from "$lib/server/record-form";
import { entityOrThrow } from "$lib/server/workspace";
import type { RecordAccess, RecordData } from "$lib/types";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const path = `/records/${event.params.entity}/${encodeURIComponent(event.params.id)}`;
  const [entity, layout, record, access] = await Promise.all([
    entityOrThrow(event, event.params.entity),
    event.parent(),
    readApi<RecordData>(event, path),
    readApi<RecordAccess>(event, `${path}/access`),
  ]);
  const t = translator(layout.locale);
  const refusal = access.update
    ? null
    : t("form.notAllowed", { entity: inSentence(labelOf(entity.label, layout.locale, layout.locales), layout.locale) });
  return { form: await formPage(event, layout.locale, { mode: "update", record, refusal }) };
};

export const actions: Actions = {
  default: (event) => saveRecord(event, "update"),
};
