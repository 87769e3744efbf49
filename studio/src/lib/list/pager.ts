/** Links between a list's pages, kept in the address: the cursor of this page and those of the pages before it. */
export interface Pager {
  /** This page's number, from 1. */
  page: number;
  first?: string;
  previous?: string;
  next?: string;
}

function hrefWith(url: URL, cursor: string | null, trail: string[]): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete("cursor");
  params.delete("trail");
  if (cursor) params.set("cursor", cursor);
  if (trail.length > 0) params.set("trail", trail.join("."));
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/**
 * The pager of a keyset-paged list. The API's cursors only go forward, so
 * the address keeps the cursors of the pages before (`trail`, dot-separated:
 * a cursor is base64url) to go back without counting rows.
 *
 * @example
 * pagerOf(new URL("http://x/customer?cursor=c2&trail=c1"), "c3");
 * // { page: 3, first: "/customer", previous: "/customer?cursor=c1", next: "/customer?cursor=c3&trail=c1.c2" }
 */
export function pagerOf(url: URL, nextCursor: string | undefined): Pager {
  const cursor = url.searchParams.get("cursor");
  const trail = (url.searchParams.get("trail") ?? "").split(".").filter(Boolean);
  const page = cursor ? trail.length + 2 : 1;
  const pager: Pager = { page };
  if (cursor) {
    pager.first = hrefWith(url, null, []);
    pager.previous = hrefWith(url, trail.at(-1) ?? null, trail.slice(0, -1));
  }
  if (nextCursor) pager.next = hrefWith(url, nextCursor, cursor ? [...trail, cursor] : []);
  return pager;
}
