import type { PluginState } from "@temper/plugin-sdk";
import type postgres from "postgres";

/**
 * A plugin's state in a workspace, read and written through `sql` (the
 * transition's transaction for a transaction step: a key read is locked
 * until it commits, so two transitions never take the same round-robin turn).
 *
 * @example
 * const state = pluginState(tx, "acme", "assignment");
 * await state.set("cursor", "li.wei");
 */
export function pluginState(
  sql: postgres.TransactionSql | postgres.Sql,
  workspaceId: string,
  plugin: string,
): PluginState {
  const db = sql as postgres.Sql;
  return {
    async get<T>(key: string) {
      const [row] = await db<Array<{ value: T }>>`select value from temper.plugin_state
        where workspace_id = ${workspaceId} and plugin = ${plugin} and key = ${key} for update`;
      return row?.value;
    },
    async set(key, value) {
      await db`insert into temper.plugin_state (workspace_id, plugin, key, value, updated_at)
        values (${workspaceId}, ${plugin}, ${key}, ${db.json(value as postgres.JSONValue)}, now())
        on conflict (workspace_id, plugin, key) do update set value = excluded.value, updated_at = excluded.updated_at`;
    },
  };
}
