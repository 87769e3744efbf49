import type { Translate } from "./i18n";
import type { VisibleDefinition } from "./types";

/** An entry of the user's own work at the top of the navigation: the inbox (with what waits), the calendar, the boards. */
export interface WorkItem {
  href: string;
  label: string;
  /** How many things wait there, shown as a badge. */
  count?: number;
  /** What the count means, for screen readers. */
  countLabel?: string;
}

/**
 * The navigation's entries for the user's own work: the approval inbox
 * with the number of tasks waiting, the calendar, and the boards when the
 * definition shows the user any.
 *
 * @example
 * workNavigation(definition, t, 3)[0]; // { href: "/inbox", label: "Inbox", count: 3, countLabel: "3 waiting" }
 */
export function workNavigation(definition: VisibleDefinition, t: Translate, pending: number): WorkItem[] {
  const items: WorkItem[] = [
    {
      href: "/inbox",
      label: t("inbox.nav"),
      ...(pending > 0 ? { count: pending, countLabel: t("inbox.pending", { count: pending }) } : {}),
    },
    { href: "/calendar", label: t("calendar.nav") },
  ];
  if (definition.entities.some((e) => e.views.boards.length > 0))
    items.push({ href: "/boards", label: t("board.nav") });
  return items;
}
