import { EngineError } from "../errors.ts";
import type { WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { systemUsername } from "../storage/workspaces.ts";

/** What a handover did: records passed on per entity, and the sessions ended. */
export interface HandoverOutcome {
  from: string;
  to: string;
  /** Records passed to the successor, per entity of the published definition. */
  records: Record<string, number>;
  total: number;
  tokensRevoked: number;
}

interface UserRow {
  id: string;
  username: string;
  active: boolean;
}

function invalid(field: string, message: string): EngineError {
  return new EngineError("validation_failed", message, { problems: [{ field, code: "invalid", message }] });
}

/**
 * Hands a leaving user's customers over to a successor, in one transaction:
 * every record they own, in every entity of the published definition, passes
 * to the successor (owner, version + 1, updated by and at), with one audit
 * row per record (`record.handover`, from and to); field history is left as
 * it was. The leaving user is deactivated and all their tokens are revoked.
 * The successor must be active and someone else.
 *
 * @example
 * const outcome = await handOver(storage, context, { from: "li.wei", to: "wang.fang", actorId: admin.id });
 * outcome.records.customer; // 42
 */
export async function handOver(
  storage: Storage,
  context: WorkspaceContext,
  request: { from: string; to: string; actorId: string },
): Promise<HandoverOutcome> {
  const { sql } = storage;
  const { workspaceId } = context;
  return sql.begin(async (tx) => {
    // Locked in a fixed order: two handovers cannot deadlock, nor pass records to someone leaving at the same time.
    const rows = await tx<UserRow[]>`select id, username, active from temper.users
      where workspace_id = ${workspaceId} and username in (${request.from}, ${request.to}) order by id for update`;
    const leaving = rows.find((r) => r.username === request.from);
    const successor = rows.find((r) => r.username === request.to);
    if (!leaving || leaving.username === systemUsername)
      throw new EngineError("not_found", `no user "${request.from}"`);
    if (leaving.id === request.actorId)
      throw new EngineError("bad_request", "you cannot hand over your own account; ask another administrator");
    if (request.to === request.from) throw invalid("to", `${request.from} cannot be their own successor`);
    if (!successor || successor.username === systemUsername)
      throw new EngineError("validation_failed", `to: no user "${request.to}"`, {
        problems: [{ field: "to", code: "reference", message: `no user "${request.to}"` }],
      });
    if (!successor.active) throw invalid("to", `${request.to} is deactivated and cannot take over records`);
    const records: Record<string, number> = {};
    const details = sql.json({ from: leaving.username, to: successor.username });
    for (const entity of context.definition.entities.values()) {
      const [moved] = await tx<[{ count: number }]>`
        with moved as (
          update ${sql(context.schema)}.${sql(entity.name)}
          set owner = ${successor.id}, version = version + 1, updated_by = ${request.actorId}, updated_at = now()
          where owner = ${leaving.id}
          returning id
        ), audited as (
          insert into temper.audit_log (workspace_id, actor_id, action, entity, record_id, details)
          select ${workspaceId}, ${request.actorId}, 'record.handover', ${entity.name}, id, ${details} from moved
          returning 1
        )
        select count(*)::int as count from audited`;
      records[entity.name] = moved.count;
    }
    await tx`update temper.users set active = false where id = ${leaving.id}`;
    const revoked = await tx`update temper.tokens set revoked_at = now()
      where user_id = ${leaving.id} and revoked_at is null returning id`;
    const total = Object.values(records).reduce((a, b) => a + b, 0);
    await tx`insert into temper.audit_log (workspace_id, actor_id, action, details)
      values (${workspaceId}, ${request.actorId}, 'user.handover', ${sql.json({ from: leaving.username, to: successor.username, records: total })})`;
    return { from: leaving.username, to: successor.username, records, total, tokensRevoked: revoked.length };
  });
}
