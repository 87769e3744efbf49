import type { FieldTypeDeclaration } from "./catalog/types.ts";
import type { AppManifest, Dashboard, Entity, Process, Role, ViewsOfAnEntity } from "./generated/format.ts";
import type { Finding } from "./findings.ts";
import type { DefinitionFile, DefinitionKind } from "./parse.ts";

/**
 * A definition whose files have each passed their JSON Schema: the manifest
 * and every entity, role, process, views file and dashboard by name.
 */
export interface Definition {
  app: AppManifest;
  entities: Map<string, Entity>;
  roles: Map<string, Role>;
  processes: Map<string, Process>;
  /** Views files by the entity they describe. */
  views: Map<string, ViewsOfAnEntity>;
  dashboards: Map<string, Dashboard>;
  /** Plugins' configurations (`plugins/<plugin>.json`) by plugin name. */
  pluginConfigs: Map<string, Record<string, unknown>>;
  /**
   * The fields whose type a plugin declares, by `<entity>.<field>`: entities
   * hold them as their base type; writes check values against the declaration.
   */
  pluginFieldTypes: Map<string, PluginFieldType>;
}

/** A field of a plugin's type: the type's name as the definition wrote it and its declaration. */
export interface PluginFieldType {
  /** `<plugin>.<name>`, e.g. `hello.cn_credit_code`. */
  type: string;
  declaration: FieldTypeDeclaration;
}

const folderOf: Record<Exclude<DefinitionKind, "app">, string> = {
  entity: "entities",
  role: "roles",
  process: "processes",
  view: "views",
  dashboard: "dashboards",
  plugin: "plugins",
};

/**
 * The path of the file that holds a named part of a definition, by the
 * folder convention (`entities/customer.json`).
 *
 * @example
 * fileOf("process", "complaint_escalation"); // "processes/complaint_escalation.json"
 */
export function fileOf(kind: DefinitionKind, name: string): string {
  return kind === "app" ? "app.json" : `${folderOf[kind]}/${name}.json`;
}

/**
 * Assembles schema-valid files into a {@link Definition}. A file must be
 * named after what it declares, and a name may be declared once per kind.
 * `pluginFieldTypes` are the fields whose plugin types were expanded to their base types.
 */
export function assembleDefinition(
  files: DefinitionFile[],
  pluginFieldTypes: Map<string, PluginFieldType> = new Map(),
): { definition?: Definition; findings: Finding[] } {
  const findings: Finding[] = [];
  const maps = {
    entity: new Map<string, Entity>(),
    role: new Map<string, Role>(),
    process: new Map<string, Process>(),
    view: new Map<string, ViewsOfAnEntity>(),
    dashboard: new Map<string, Dashboard>(),
    plugin: new Map<string, Record<string, unknown>>(),
  };
  let app: AppManifest | undefined;
  for (const file of files) {
    if (file.kind === "app") {
      app = file.data as AppManifest;
      continue;
    }
    if (file.kind === "plugin") {
      // The file's name is the plugin's: its content is the plugin's to define.
      maps.plugin.set(file.path.slice("plugins/".length, -".json".length), file.data as Record<string, unknown>);
      continue;
    }
    const data = file.data as { name?: string; entity?: string };
    const key = file.kind === "view" ? "entity" : "name";
    const name = String(data[key]);
    const expected = fileOf(file.kind, name);
    if (file.path !== expected) {
      findings.push({
        severity: "error",
        code: "file.name-mismatch",
        file: file.path,
        pointer: `/${key}`,
        message: `declares ${file.kind === "view" ? "the views of" : "the " + file.kind} "${name}", so the file must be ${expected}`,
      });
      continue;
    }
    (maps[file.kind] as Map<string, unknown>).set(name, file.data);
  }
  if (!app) return { findings };
  return {
    definition: {
      app,
      entities: maps.entity,
      roles: maps.role,
      processes: maps.process,
      views: maps.view,
      dashboards: maps.dashboard,
      pluginConfigs: maps.plugin,
      pluginFieldTypes,
    },
    findings,
  };
}
