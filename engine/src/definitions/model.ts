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
}

const folderOf: Record<Exclude<DefinitionKind, "app">, string> = {
  entity: "entities",
  role: "roles",
  process: "processes",
  view: "views",
  dashboard: "dashboards",
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
 */
export function assembleDefinition(files: DefinitionFile[]): { definition?: Definition; findings: Finding[] } {
  const findings: Finding[] = [];
  const maps = {
    entity: new Map<string, Entity>(),
    role: new Map<string, Role>(),
    process: new Map<string, Process>(),
    view: new Map<string, ViewsOfAnEntity>(),
    dashboard: new Map<string, Dashboard>(),
  };
  let app: AppManifest | undefined;
  for (const file of files) {
    if (file.kind === "app") {
      app = file.data as AppManifest;
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
    },
    findings,
  };
}
