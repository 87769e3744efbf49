import { redirect } from "@sveltejs/kit";
import { labelOf, pickLocale, translator } from "$lib/i18n";
import { navigation } from "$lib/navigation";
import { notificationItems } from "$lib/notifications";
import { readApi } from "$lib/server/api";
import { localeCookie } from "$lib/server/session";
import { visibleDefinition } from "$lib/server/workspace";
import type { Me, Notification, Task } from "$lib/types";
import { workNavigation } from "$lib/work-navigation";
import type { LayoutServerLoad } from "./$types";

export const load: LayoutServerLoad = async (event) => {
  if (!event.locals.token) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const [me, definition, inbox, { tasks }] = await Promise.all([
    readApi<Me>(event, "/me"),
    visibleDefinition(event),
    readApi<{ notifications: Notification[]; unread: number }>(event, "/notifications?unread=true&limit=5"),
    readApi<{ tasks: Task[] }>(event, "/tasks"),
  ]);
  const { app } = definition;
  const locale = pickLocale(app.locales, {
    cookie: event.cookies.get(localeCookie),
    acceptLanguage: event.request.headers.get("accept-language"),
  });
  event.locals.locale = locale;
  return {
    locale,
    locales: app.locales,
    app: { id: app.id, label: labelOf(app.label, locale, app.locales) },
    user: { id: me.id, username: me.username, name: me.displayName || me.username },
    nav: navigation(definition, locale, translator(locale)),
    work: workNavigation(definition, translator(locale), tasks.length),
    unread: inbox.unread,
    latest: notificationItems(inbox.notifications, locale, app.timezone),
  };
};
