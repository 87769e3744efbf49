import type { Plugin } from "@temper/plugin-sdk";
import type postgres from "postgres";
import { createAjv } from "../definitions/schemas.ts";
import { EngineError } from "../errors.ts";

type Sql = postgres.Sql | postgres.TransactionSql;

/** What the API and the CLI show for a secret that is set. */
export const hiddenSecret = "********";

/**
 * A plugin's settings for a workspace, secrets included (for the plugin's steps only).
 *
 * @example
 * const smtp = await pluginSettingsOf(storage.sql, "acme", "messaging");
 */
export async function pluginSettingsOf(
  sql: Sql,
  workspaceId: string,
  plugin: string,
): Promise<Record<string, unknown>> {
  const [row] = await (sql as postgres.Sql)<Array<{ settings: Record<string, unknown> }>>`select settings
    from temper.plugin_settings where workspace_id = ${workspaceId} and plugin = ${plugin}`;
  return row?.settings ?? {};
}

/** The settings as people may see them: secrets replaced by a mask. */
export function shownSettings(plugin: Plugin, settings: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...settings };
  for (const secret of plugin.settings?.secrets ?? []) if (shown[secret] !== undefined) shown[secret] = hiddenSecret;
  return shown;
}

const ajv = createAjv();

/**
 * Replaces a plugin's settings for a workspace, checked against the plugin's
 * settings schema (422 naming each wrong setting). A secret sent as the mask,
 * or left out, keeps its stored value: a client that read the settings can
 * send them back without knowing the secret.
 *
 * @example
 * await setPluginSettings(storage.sql, plugin, "acme", { host: "127.0.0.1", port: 2525, password: "s3cret" }, "admin");
 */
export async function setPluginSettings(
  sql: postgres.Sql,
  plugin: Plugin,
  workspaceId: string,
  settings: Record<string, unknown>,
  updatedBy: string,
): Promise<Record<string, unknown>> {
  if (!plugin.settings) throw new EngineError("bad_request", `plugin "${plugin.name}" has no settings`);
  return sql.begin(async (tx) => {
    const current = await pluginSettingsOf(tx, workspaceId, plugin.name);
    const next = { ...settings };
    for (const secret of plugin.settings?.secrets ?? [])
      if ((next[secret] === undefined || next[secret] === hiddenSecret) && current[secret] !== undefined)
        next[secret] = current[secret];
    const validate = ajv.compile(plugin.settings!.schema);
    if (!validate(next)) {
      const problems = (validate.errors ?? []).map((e) => {
        const field =
          e.instancePath.slice(1) || String((e.params as Record<string, unknown>).missingProperty ?? "settings");
        return { field, code: e.keyword, message: `${field} ${e.message ?? "is invalid"}` };
      });
      throw new EngineError(
        "validation_failed",
        `the settings of ${plugin.name} are invalid: ${problems.map((p) => p.message).join("; ")}`,
        { problems },
      );
    }
    await tx`insert into temper.plugin_settings (workspace_id, plugin, settings, updated_by)
      values (${workspaceId}, ${plugin.name}, ${tx.json(next as never)}, ${updatedBy})
      on conflict (workspace_id, plugin) do update set settings = excluded.settings,
        updated_by = excluded.updated_by, updated_at = now()`;
    await tx`insert into temper.audit_log (workspace_id, actor_id, action, details)
      values (${workspaceId}, null, 'plugin.settings', ${tx.json({ plugin: plugin.name, by: updatedBy, keys: Object.keys(next) } as never)})`;
    return shownSettings(plugin, next);
  });
}
