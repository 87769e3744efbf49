import type { Entity, Measure, Widget } from "../generated/format.ts";
import { fileOf } from "../model.ts";
import { didYouMean } from "../suggest.ts";
import type { Checker } from "./checker.ts";
import { checkFilters, checkSort } from "./views.ts";

const numeric = new Set(["number", "money", "percent"]);
const ordered = new Set(["number", "money", "percent", "date", "datetime"]);
const dated = new Set(["date", "datetime"]);

/** Checks every dashboard: roles, and each widget's entity, measures, groupings, filters and columns. */
export function checkDashboards(checker: Checker): void {
  for (const dashboard of checker.definition.dashboards.values()) {
    const file = fileOf("dashboard", dashboard.name);
    checker.label(dashboard.label, file, "/label");
    dashboard.roles?.forEach((role, i) => {
      if (!checker.definition.roles.has(role)) {
        checker.report(
          file,
          `/roles/${i}`,
          "ref.role",
          `unknown role "${role}"${didYouMean(role, checker.definition.roles.keys())}`,
        );
      }
    });
    const names = new Set<string>();
    dashboard.widgets.forEach((widget, i) => {
      const at = `/widgets/${i}`;
      if (names.has(widget.name))
        checker.report(file, `${at}/name`, "name.duplicate", `two widgets are named "${widget.name}"`);
      names.add(widget.name);
      checker.label(widget.label, file, `${at}/label`);
      const entity = checker.entity(widget.entity, file, `${at}/entity`);
      if (entity) checkWidget(checker, entity, widget, file, at);
    });
  }
}

function checkWidget(checker: Checker, entity: Entity, widget: Widget, file: string, at: string): void {
  if (widget.measure) checkMeasure(checker, entity, widget.measure, file, `${at}/measure`);
  if (widget.target) checkMeasure(checker, entity, widget.target, file, `${at}/target`);
  widget.groupBy?.forEach((group, i) => {
    const groupAt = `${at}/groupBy/${i}`;
    if (group.field) {
      const field = checker.field(entity, group.field, file, `${groupAt}/field`);
      if (field && group.interval && !dated.has(field.type)) {
        checker.report(
          file,
          `${groupAt}/interval`,
          "field.type-mismatch",
          `"${field.name}" is a ${field.type} field; only dates group by interval`,
        );
      }
    }
    if (group.process) checker.process(group.process, entity, file, `${groupAt}/process`);
  });
  if (widget.type === "funnel" && !widget.groupBy?.some((g) => g.process)) {
    checker.report(
      file,
      `${at}/groupBy`,
      "field.type-mismatch",
      `a funnel groups by a process's states: use { "process": "<name>" }`,
    );
  }
  checkFilters(checker, entity, widget.filters, file, `${at}/filters`);
  checkSort(checker, entity, widget.sort, file, `${at}/sort`);
  widget.columns?.forEach((name, i) => checker.field(entity, name, file, `${at}/columns/${i}`));
}

function checkMeasure(checker: Checker, entity: Entity, measure: Measure, file: string, at: string): void {
  if (!measure.field) return;
  const field = checker.field(entity, measure.field, file, `${at}/field`);
  if (!field) return;
  const type = field.type === "computed" && "resultType" in field ? field.resultType : field.type;
  const allowed = measure.aggregate === "sum" || measure.aggregate === "avg" ? numeric : ordered;
  if (!allowed.has(type)) {
    checker.report(
      file,
      `${at}/field`,
      "field.type-mismatch",
      `cannot take the ${measure.aggregate} of the ${type} field "${field.name}"`,
    );
  }
}
