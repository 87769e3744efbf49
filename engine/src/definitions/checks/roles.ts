import type { Entity, Permission, Role } from "../generated/format.ts";
import { fileOf } from "../model.ts";
import { isSystemField } from "../scope.ts";
import { didYouMean } from "../suggest.ts";
import type { Checker } from "./checker.ts";
import { conditionPredicate, placeholderUser, UntranslatableCondition } from "../../expressions/index.ts";

const grants = ["create", "read", "update", "delete"] as const;

/** Checks every role: entities, fields, events and conditions its permissions name. */
export function checkRoles(checker: Checker): void {
  for (const role of checker.definition.roles.values()) checkRole(checker, role);
}

function checkRole(checker: Checker, role: Role): void {
  const file = fileOf("role", role.name);
  checker.label(role.label, file, "/label");
  if (role.description) checker.label(role.description, file, "/description");
  const seen = new Set<string>();
  role.permissions.forEach((permission, index) => {
    const at = `/permissions/${index}`;
    if (seen.has(permission.entity)) {
      checker.report(
        file,
        `${at}/entity`,
        "permission.duplicate-entity",
        `"${permission.entity}" already has a permission entry in this role; merge them`,
      );
    }
    seen.add(permission.entity);
    const entity = checker.entity(permission.entity, file, `${at}/entity`);
    if (entity) checkPermission(checker, entity, permission, file, at);
  });
}

function checkPermission(checker: Checker, entity: Entity, permission: Permission, file: string, at: string): void {
  for (const operation of grants) {
    const grant = permission[operation];
    if (grant && typeof grant === "object" && grant.condition) {
      const pointer = `${at}/${operation}/condition`;
      const before = checker.findings.length;
      checker.expression(entity, grant.condition, "condition", file, pointer, "bool");
      if (checker.findings.length === before) {
        try {
          conditionPredicate(grant.condition, placeholderUser);
        } catch (error) {
          const reason = error instanceof UntranslatableCondition ? error.message : String(error);
          checker.report(
            file,
            pointer,
            "permission.condition-sql",
            `${JSON.stringify(grant.condition)} cannot filter records in the database: ${reason}`,
          );
        }
      }
    }
  }
  const read = permission.fields?.read ?? ["*"];
  permission.fields?.read?.forEach((name, i) => {
    if (name !== "*") checker.field(entity, name, file, `${at}/fields/read/${i}`);
  });
  permission.fields?.write?.forEach((name, i) => {
    if (name === "*") return;
    const pointer = `${at}/fields/write/${i}`;
    if (isSystemField(name) && name !== "owner") {
      checker.report(
        file,
        pointer,
        "field.type-mismatch",
        `"${name}" is a system field that the platform sets; it cannot be written`,
      );
      return;
    }
    const field = checker.field(entity, name, file, pointer);
    if (!field || "system" in field) return;
    if (field.type === "computed" || field.readOnly) {
      checker.report(
        file,
        pointer,
        "field.type-mismatch",
        `"${name}" is ${field.type === "computed" ? "computed" : "read-only (set by processes)"}; no role can write it`,
      );
    } else if (!read.includes("*") && !read.includes(name)) {
      checker.report(
        file,
        pointer,
        "permission.write-without-read",
        `"${name}" is writable but not readable by this role`,
        "warning",
      );
    }
  });
  for (const [processName, events] of Object.entries(permission.events ?? {})) {
    const pointer = `${at}/events/${processName}`;
    const process = checker.process(processName, entity, file, pointer);
    if (!process) continue;
    events.forEach((event, i) => {
      if (event !== "*" && !(event in process.events)) {
        checker.report(
          file,
          `${pointer}/${i}`,
          "ref.event",
          `the process "${processName}" has no event "${event}"${didYouMean(event, Object.keys(process.events))}`,
        );
      }
    });
    if (!permission.read) {
      checker.report(
        file,
        pointer,
        "permission.event-without-read",
        `events on "${entity.name}" are granted, but reading it is not`,
        "warning",
      );
    }
  }
}
