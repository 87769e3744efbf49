import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";

/** A notification as its recipient reads it. */
export interface Notification {
  id: string;
  kind: string;
  entity: string | null;
  recordId: string | null;
  /** Who caused it: their username, or `null` for the system. */
  actor: string | null;
  message: string;
  createdAt: string;
  readAt: string | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's own notifications, newest first (only the unread ones if asked),
 * with how many are unread in all.
 *
 * @example
 * const { notifications, unread } = await listNotifications(storage, userId, { unreadOnly: true });
 */
export async function listNotifications(
  storage: Storage,
  userId: string,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<{ notifications: Notification[]; unread: number }> {
  const { sql } = storage;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await sql<Array<Omit<Notification, "createdAt" | "readAt"> & { createdAt: Date; readAt: Date | null }>>`
    select n.id, n.kind, n.entity, n.record_id as "recordId", a.username as actor, n.message,
      n.created_at as "createdAt", n.read_at as "readAt"
    from temper.notifications n left join temper.users a on a.id = n.actor_id
    where n.user_id = ${userId} ${options.unreadOnly ? sql`and n.read_at is null` : sql``}
    order by n.created_at desc, n.id desc limit ${limit}`;
  const [{ unread } = { unread: 0 }] = await sql<Array<{ unread: number }>>`
    select count(*)::int as unread from temper.notifications where user_id = ${userId} and read_at is null`;
  const notifications = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
  return { notifications, unread };
}

/**
 * Marks one of a user's notifications read (again: it keeps the first time).
 * Someone else's notification is "not found".
 *
 * @example
 * await markNotificationRead(storage, userId, notificationId);
 */
export async function markNotificationRead(storage: Storage, userId: string, id: string): Promise<void> {
  const notFound = new EngineError("not_found", `no notification "${id}"`);
  if (!uuid.test(id)) throw notFound;
  const rows = await storage.sql`update temper.notifications set read_at = coalesce(read_at, now())
    where id = ${id} and user_id = ${userId} returning id`;
  if (rows.length === 0) throw notFound;
}

/**
 * Marks all of a user's unread notifications read; returns how many.
 *
 * @example
 * await markAllNotificationsRead(storage, userId); // 3
 */
export async function markAllNotificationsRead(storage: Storage, userId: string): Promise<number> {
  const rows = await storage.sql`update temper.notifications set read_at = now()
    where user_id = ${userId} and read_at is null returning id`;
  return rows.length;
}
