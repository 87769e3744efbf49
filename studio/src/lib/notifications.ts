import { formatInstant } from "./definition/display";
import type { Notification } from "./types";

/** A notification as the studio lists it: when in the user's locale, and the record it is about. */
export interface NotificationItem {
  id: string;
  message: string;
  actor: string | null;
  when: string;
  unread: boolean;
  href: string | null;
}

/**
 * Notifications ready to show, times in the app's time zone.
 *
 * @example
 * notificationItems(notifications, "zh", "Asia/Shanghai")[0].href; // "/customer/0b9c…"
 */
export function notificationItems(
  notifications: Notification[],
  locale: string,
  timezone: string | undefined,
): NotificationItem[] {
  return notifications.map((n) => ({
    id: n.id,
    message: n.message,
    actor: n.actor,
    when: formatInstant(n.createdAt, locale, timezone),
    unread: n.readAt === null,
    href: n.entity && n.recordId ? `/${n.entity}/${n.recordId}` : null,
  }));
}
