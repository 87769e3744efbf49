import type { Cookies } from "@sveltejs/kit";
import type { SavedAwayNotice } from "../form/after-save";

/** The cookie that carries a saved record's notice across the redirect to its list, read once. */
export const noticeCookie = "temper_notice";

/**
 * Keeps the notice for the list the save redirects to: httpOnly, for a
 * minute, so that it shows once whether the form was sent by the browser
 * or by the studio's scripts.
 *
 * @example
 * keepNotice(event.cookies, event.url, { entity: "lead", title: "Five-axis centres", owner: "Wang Fang" });
 */
export function keepNotice(cookies: Cookies, url: URL, notice: SavedAwayNotice): void {
  cookies.set(noticeCookie, JSON.stringify(notice), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: url.protocol === "https:",
    maxAge: 60,
  });
}

/**
 * Takes the notice kept for an entity's list, and forgets it; `null` when
 * there is none, or it is about another entity.
 *
 * @example
 * const notice = takeNotice(event.cookies, "lead"); // { entity: "lead", title: "…", owner: "Wang Fang" }
 */
export function takeNotice(cookies: Cookies, entity: string): SavedAwayNotice | null {
  const text = cookies.get(noticeCookie);
  if (text === undefined) return null;
  const notice = parsed(text);
  // Another entity's notice waits for its own list; one that does not parse is forgotten.
  if (notice && notice.entity !== entity) return null;
  cookies.delete(noticeCookie, { path: "/" });
  return notice;
}

function parsed(text: string): SavedAwayNotice | null {
  try {
    const value = JSON.parse(text) as Partial<SavedAwayNotice> | null;
    if (typeof value?.entity !== "string") return null;
    return {
      entity: value.entity,
      title: typeof value.title === "string" ? value.title : "",
      owner: typeof value.owner === "string" ? value.owner : null,
    };
  } catch {
    return null;
  }
}
