import { fail } from "@sveltejs/kit";
import { ApiError, readApi, writeApi } from "$lib/server/api";
import { visibleDefinition } from "$lib/server/workspace";
import { notificationItems } from "$lib/notifications";
import type { Notification } from "$lib/types";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const [{ notifications, unread }, { app }, { locale }] = await Promise.all([
    readApi<{ notifications: Notification[]; unread: number }>(event, "/notifications?limit=100"),
    visibleDefinition(event),
    event.parent(),
  ]);
  return { items: notificationItems(notifications, locale, app.timezone), unreadCount: unread };
};

export const actions: Actions = {
  read: async (event) => {
    const id = String((await event.request.formData()).get("id") ?? "");
    try {
      await writeApi(event, "POST", `/notifications/${encodeURIComponent(id)}/read`);
    } catch (cause) {
      if (cause instanceof ApiError) return fail(cause.status, { message: cause.message });
      throw cause;
    }
  },
  readAll: async (event) => {
    await writeApi(event, "POST", "/notifications/read-all");
  },
};
