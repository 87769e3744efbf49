import type { Cookies } from "@sveltejs/kit";

/** The cookie holding the user's API token: httpOnly, never seen by scripts. */
export const sessionCookie = "temper_session";
/** The language chosen in the switch. */
export const localeCookie = "temper_locale";
/** The workspace last signed in to, to fill the sign-in form. */
export const workspaceCookie = "temper_workspace";

const year = 60 * 60 * 24 * 365;

/** Keeps a token for the session: httpOnly, SameSite=Lax, Secure over HTTPS. */
export function keepSession(cookies: Cookies, url: URL, token: string, workspace: string): void {
  const secure = url.protocol === "https:";
  cookies.set(sessionCookie, token, { path: "/", httpOnly: true, sameSite: "lax", secure });
  cookies.set(workspaceCookie, workspace, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: year });
}

/** Forgets the session's token. */
export function endSession(cookies: Cookies): void {
  cookies.delete(sessionCookie, { path: "/" });
}

/** Remembers the chosen language for a year. */
export function keepLocale(cookies: Cookies, url: URL, locale: string): void {
  cookies.set(localeCookie, locale, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: url.protocol === "https:",
    maxAge: year,
  });
}

/**
 * A path inside the studio to go back to after signing in or switching
 * language; anything else (another site, `//host`) is the home page.
 *
 * @example
 * localPath("/customer?view=all"); // "/customer?view=all"
 * localPath("https://evil.example/"); // "/"
 */
export function localPath(value: FormDataEntryValue | string | null | undefined): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
