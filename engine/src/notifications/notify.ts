import type postgres from "postgres";

/** A notice for named people about a record (or about nothing in particular). */
export interface Notice {
  workspaceId: string;
  /** Exactly whom to tell: never a whole role. Deactivated users and other workspaces' users are skipped. */
  userIds: string[];
  /** What happened, for clients to pick an icon or a filter: `annotation`, `approval`, `escalation`… */
  kind: string;
  entity?: string | null;
  recordId?: string | null;
  /** Who caused it; `null` for the system. */
  actorId?: string | null;
  /** One line a person reads. */
  message: string;
}

/**
 * Writes a notification for each person named, inside the caller's
 * transaction: it exists if and only if what it tells of was committed.
 * Returns the ids of the notifications written.
 *
 * @example
 * await sql.begin((tx) =>
 *   notify(tx, { workspaceId: "acme", userIds: [ownerId], kind: "annotation", entity: "activity", recordId, actorId, message: "min.jun annotated your activity “Visit Hanwha”" }),
 * );
 */
export async function notify(tx: postgres.TransactionSql | postgres.Sql, notice: Notice): Promise<string[]> {
  const sql = tx as postgres.Sql;
  const userIds = [...new Set(notice.userIds)];
  if (userIds.length === 0) return [];
  const rows = await sql<Array<{ id: string }>>`
    insert into temper.notifications (workspace_id, user_id, kind, entity, record_id, actor_id, message)
    select ${notice.workspaceId}, u.id, ${notice.kind}, ${notice.entity ?? null}, ${notice.recordId ?? null},
      ${notice.actorId ?? null}, ${notice.message}
    from temper.users u
    where u.id = any(${userIds}::uuid[]) and u.workspace_id = ${notice.workspaceId} and u.active
    returning id`;
  return rows.map((r) => r.id);
}
