import { fail, redirect } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";
import { studioLocales } from "$lib/i18n";
import { apiBase } from "$lib/server/api";
import { keepSession, localPath, workspaceCookie } from "$lib/server/session";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = ({ locals, url, cookies }) => {
  const next = localPath(url.searchParams.get("next"));
  if (locals.token) redirect(303, next);
  return {
    workspace: url.searchParams.get("workspace") ?? cookies.get(workspaceCookie) ?? env.TEMPER_DEFAULT_WORKSPACE ?? "",
    next,
    locales: studioLocales,
  };
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const workspace = field("workspace");
    const username = field("username");
    const password = String(form.get("password") ?? "");
    if (!workspace || !username || !password) return fail(400, { workspace, username, problem: "missing" as const });
    let response: Response;
    try {
      response = await fetch(`${apiBase(url)}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ workspace, username, password }),
      });
    } catch {
      return fail(503, { workspace, username, problem: "unavailable" as const });
    }
    if (response.status === 401 || response.status === 404 || response.status === 400)
      return fail(401, { workspace, username, problem: "refused" as const });
    if (!response.ok) return fail(503, { workspace, username, problem: "unavailable" as const });
    const { token } = (await response.json()) as { token: string };
    keepSession(cookies, url, token, workspace);
    redirect(303, localPath(form.get("next")));
  },
};
