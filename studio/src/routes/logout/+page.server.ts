import { redirect } from "@sveltejs/kit";
import { callApi } from "$lib/server/api";
import { endSession } from "$lib/server/session";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = () => redirect(303, "/");

export const actions: Actions = {
  default: async (event) => {
    if (event.locals.token) await callApi(event, "/auth/logout", { method: "POST" }).catch(() => undefined);
    endSession(event.cookies);
    redirect(303, "/login");
  },
};
