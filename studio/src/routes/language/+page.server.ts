import { redirect } from "@sveltejs/kit";
import { keepLocale, localPath } from "$lib/server/session";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = () => redirect(303, "/");

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const locale = form.get("locale");
    if (typeof locale === "string" && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))
      keepLocale(cookies, url, locale);
    redirect(303, localPath(form.get("redirectTo")));
  },
};
