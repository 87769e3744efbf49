import type { Handle } from "@sveltejs/kit";
import { pickLocale, studioLocales } from "$lib/i18n";
import { localeCookie, sessionCookie } from "$lib/server/session";

/**
 * Reads the session's token and the language of the request (the switch's
 * cookie, else Accept-Language); the signed-in layout narrows the language
 * to the app's locales. The page's `<html lang>` follows.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.token = event.cookies.get(sessionCookie) ?? null;
  event.locals.locale = pickLocale(studioLocales, {
    cookie: event.cookies.get(localeCookie),
    acceptLanguage: event.request.headers.get("accept-language"),
  });
  return resolve(event, { transformPageChunk: ({ html }) => html.replace("%lang%", event.locals.locale) });
};
