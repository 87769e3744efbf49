import type postgres from "postgres";
import { EngineError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { entityAccess } from "../permissions/access.ts";
import { matchesRecord } from "../permissions/evaluate.ts";
import { matchingGrant, type ScopeUsers } from "../permissions/scope.ts";
import type { Storage } from "../storage/platform/database.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { type Actor, actorScope, type Guard, guardFor } from "./guard.ts";
import { selectScoped } from "./read.ts";
import { entityOrThrow, type WorkspaceContext } from "./service.ts";
import type { RecordData } from "./values.ts";

/** A note on a record by someone above its owner: kept with who and when, never edited. */
export interface Annotation {
  id: string;
  entity: string;
  recordId: string;
  /** The author's username. */
  author: string;
  body: string;
  createdAt: string;
}

const maxLength = 5000;

/**
 * Why the actor, who can read the record, may not annotate it; `null` when
 * they may: they do not own it and one of their read grants that covers it
 * reaches beyond their own records (scope `subtree` or `all`: a manager over
 * the owner).
 */
export function annotationRefusal(
  context: WorkspaceContext,
  actor: Actor,
  g: Guard,
  record: RecordData,
  scope: ScopeUsers,
): string | null {
  const label = g.entity.name;
  if (record.owner === actor.id) return `you own this ${label}: annotations are for those above its owner`;
  if (actor.system) return null;
  const grants = entityAccess(context.definition, actor.roles, label)?.grants.read ?? [];
  const broader = grants.filter((grant) => grant.scope !== "own");
  if (!matchingGrant(broader, scope, (predicate) => matchesRecord(predicate, record)))
    return `only someone whose read scope covers the owner (subtree or all) may annotate this ${label}`;
  return null;
}

/** Refuses (403) an annotation the actor may not add. */
function assertMayAnnotate(context: WorkspaceContext, actor: Actor, g: Guard, record: RecordData, scope: ScopeUsers) {
  const refusal = annotationRefusal(context, actor, g, record, scope);
  if (refusal) throw new EngineError("forbidden", refusal);
}

function bodyOrThrow(body: unknown): string {
  const problem = (message: string) =>
    new EngineError("validation_failed", message, { problems: [{ field: "body", code: "invalid", message }] });
  if (typeof body !== "string" || body.trim() === "") throw problem("an annotation needs a body: the text of the note");
  if (body.length > maxLength) throw problem(`an annotation is at most ${maxLength} characters`);
  return body;
}

/**
 * Annotations of records: a manager (whose read grant covering the record
 * has scope `subtree` or `all`, and who does not own it) adds a note; the
 * record's owner, and nobody else, is notified. Anyone who can read the
 * record reads its annotations. There is no way to change or remove one.
 *
 * @example
 * const annotations = annotationService(storage, context);
 * await annotations.add(manager, "activity", activityId, "Bring the service engineer next time.");
 * await annotations.list(rep, "activity", activityId); // [{ author: "min.jun", body: "Bring…", … }]
 */
export function annotationService(storage: Storage, context: WorkspaceContext) {
  const { sql } = storage;
  const table = (name: string) => sql`${sql(context.schema)}.${sql(name)}`;
  const readable = async (tx: postgres.Sql | postgres.TransactionSql, g: Guard, id: string, lock = false) => {
    const record = await selectScoped(tx, table(g.entity.name), g, id, { lock });
    if (!record) throw new EngineError("not_found", `no ${g.entity.name} "${id}"`);
    return record;
  };

  return {
    /** Adds an annotation to a record and notifies its owner; 404 if the actor cannot read it, 403 if they may not annotate it. */
    async add(actor: Actor, entityName: string, id: string, body: unknown): Promise<Annotation> {
      const entity = entityOrThrow(context.definition, entityName);
      const g = await guardFor(sql, context, actor, entity);
      const scope = await actorScope(sql, context.workspaceId, actor);
      return sql.begin(async (tx) => {
        const record = await readable(tx, g, id, true);
        assertMayAnnotate(context, actor, g, record, scope);
        const text = bodyOrThrow(body);
        const [row] = await tx<[{ id: string; created_at: Date }]>`
          insert into temper.annotations (workspace_id, entity, record_id, author_id, body)
          values (${context.workspaceId}, ${entity.name}, ${id}, ${actor.id}, ${text}) returning id, created_at`;
        await tx`insert into temper.audit_log (workspace_id, actor_id, action, entity, record_id, details)
          values (${context.workspaceId}, ${actor.id}, 'record.annotate', ${entity.name}, ${id}, ${sql.json({ annotation: row.id })})`;
        const people = await tx<Array<{ id: string; username: string; display_name: string | null; roles: string[] }>>`
          select id, username, display_name, roles from temper.users where id in (${String(record.owner)}, ${actor.id})`;
        const owner = people.find((p) => p.id === record.owner);
        const author = people.find((p) => p.id === actor.id);
        if (owner && owner.username !== systemUsername) {
          const locale = context.definition.app.locales[0] ?? "en";
          const title = record[entity.titleField];
          // The title is named only to an owner whose roles may read it.
          const titled = entityAccess(context.definition, owner.roles, entity.name)?.readable.has(entity.titleField);
          const what = `${(entity.label[locale] ?? entity.name).toLowerCase()}${titled && title ? ` “${String(title)}”` : ""}`;
          await notify(tx, {
            workspaceId: context.workspaceId,
            userIds: [owner.id],
            kind: "annotation",
            entity: entity.name,
            recordId: id,
            actorId: actor.id,
            message: `${author?.display_name ?? actor.username} annotated your ${what}`,
          });
        }
        return {
          id: row.id,
          entity: entity.name,
          recordId: id,
          author: actor.username,
          body: text,
          createdAt: row.created_at.toISOString(),
        };
      });
    },

    /** The annotations of a record the actor can read, oldest first. */
    async list(actor: Actor, entityName: string, id: string): Promise<Annotation[]> {
      const entity = entityOrThrow(context.definition, entityName);
      const g = await guardFor(sql, context, actor, entity);
      await readable(sql, g, id);
      const rows = await sql<Array<{ id: string; author: string; body: string; created_at: Date }>>`
        select a.id, u.username as author, a.body, a.created_at from temper.annotations a
        join temper.users u on u.id = a.author_id
        where a.workspace_id = ${context.workspaceId} and a.entity = ${entity.name} and a.record_id = ${id}
        order by a.created_at, a.id`;
      return rows.map((r) => ({
        id: r.id,
        entity: entity.name,
        recordId: id,
        author: r.author,
        body: r.body,
        createdAt: r.created_at.toISOString(),
      }));
    },
  };
}

export type AnnotationService = ReturnType<typeof annotationService>;
