import type { Board, Entity, Filter, Form, List, Sort, ViewsOfAnEntity } from "../generated/format.ts";
import { fileOf } from "../model.ts";
import { didYouMean, listNames } from "../suggest.ts";
import type { Checker } from "./checker.ts";

const numericTypes = new Set(["number", "money", "percent"]);
const userTypes = new Set(["user"]);

/** Checks every views file: its entity, and the fields, expressions and states its forms, lists and boards name. */
export function checkViews(checker: Checker): void {
  for (const views of checker.definition.views.values()) {
    const file = fileOf("view", views.entity);
    const entity = checker.entity(views.entity, file, "/entity");
    if (!entity) continue;
    uniqueNames(checker, views, file);
    views.forms?.forEach((form, i) => checkForm(checker, entity, form, file, `/forms/${i}`));
    views.lists?.forEach((list, i) => checkList(checker, entity, list, file, `/lists/${i}`));
    views.boards?.forEach((board, i) => checkBoard(checker, entity, board, file, `/boards/${i}`));
  }
}

function uniqueNames(checker: Checker, views: ViewsOfAnEntity, file: string): void {
  for (const kind of ["forms", "lists", "boards"] as const) {
    const seen = new Set<string>();
    views[kind]?.forEach((view, i) => {
      if (seen.has(view.name))
        checker.report(file, `/${kind}/${i}/name`, "name.duplicate", `two ${kind} are named "${view.name}"`);
      seen.add(view.name);
      if (view.label) checker.label(view.label, file, `/${kind}/${i}/label`);
    });
  }
}

function checkForm(checker: Checker, entity: Entity, form: Form, file: string, at: string): void {
  const placed = new Set<string>();
  const sections = new Set<string>();
  form.sections.forEach((section, i) => {
    const sectionAt = `${at}/sections/${i}`;
    if (sections.has(section.name))
      checker.report(file, `${sectionAt}/name`, "name.duplicate", `two sections are named "${section.name}"`);
    sections.add(section.name);
    checker.label(section.label, file, `${sectionAt}/label`);
    if (section.visibleWhen)
      checker.expression(entity, section.visibleWhen, "visibility", file, `${sectionAt}/visibleWhen`, "bool");
    section.fields.forEach((item, j) => {
      const itemAt = `${sectionAt}/fields/${j}`;
      const name = typeof item === "string" ? item : item.field;
      const namePointer = typeof item === "string" ? itemAt : `${itemAt}/field`;
      if (placed.has(name))
        checker.report(file, namePointer, "name.duplicate", `"${name}" is placed twice in the form "${form.name}"`);
      placed.add(name);
      checker.field(entity, name, file, namePointer);
      if (typeof item !== "string" && item.visibleWhen) {
        checker.expression(entity, item.visibleWhen, "visibility", file, `${itemAt}/visibleWhen`, "bool");
      }
    });
  });
  const missing = entity.fields
    .filter((f) => f.required && f.type !== "computed" && !placed.has(f.name))
    .map((f) => f.name);
  if (missing.length > 0) {
    checker.report(
      file,
      `${at}/sections`,
      "ref.field",
      `the form "${form.name}" lacks the required field${missing.length > 1 ? "s" : ""} ${listNames(missing)}, so no record could be saved with it`,
      "warning",
    );
  }
}

function checkList(checker: Checker, entity: Entity, list: List, file: string, at: string): void {
  list.columns.forEach((name, i) => checker.field(entity, name, file, `${at}/columns/${i}`));
  checkFilters(checker, entity, list.filters, file, `${at}/filters`);
  checkSort(checker, entity, list.sort, file, `${at}/sort`);
}

function checkBoard(checker: Checker, entity: Entity, board: Board, file: string, at: string): void {
  board.card.fields.forEach((name, i) => checker.field(entity, name, file, `${at}/card/fields/${i}`));
  if (board.card.sum) {
    const field = checker.field(entity, board.card.sum, file, `${at}/card/sum`);
    if (field && !numericTypes.has(field.type) && !("resultType" in field && numericTypes.has(field.resultType))) {
      checker.report(
        file,
        `${at}/card/sum`,
        "field.type-mismatch",
        `"${field.name}" is a ${field.type} field; only numbers and money can be summed`,
      );
    }
  }
  checkFilters(checker, entity, board.filters, file, `${at}/filters`);
  const process = checker.process(board.process, entity, file, `${at}/process`);
  if (!process) return;
  board.columns?.forEach((state, i) => {
    if (!(state in process.states)) {
      checker.report(
        file,
        `${at}/columns/${i}`,
        "view.state",
        `"${state}" is not a state of "${process.name}"${didYouMean(state, Object.keys(process.states))}`,
      );
    }
  });
}

/** Checks filters: the field exists and the operator and value fit it. */
export function checkFilters(
  checker: Checker,
  entity: Entity,
  filters: Filter[] | undefined,
  file: string,
  at: string,
): void {
  filters?.forEach((filter, i) => {
    const field = checker.field(entity, filter.field, file, `${at}/${i}/field`);
    if (!field) return;
    if (filter.op === "is_current_user" && !userTypes.has(field.type)) {
      checker.report(
        file,
        `${at}/${i}/op`,
        "field.type-mismatch",
        `"is_current_user" needs a user field, and "${field.name}" is ${field.type}`,
      );
    }
    if ("options" in field && filter.value !== undefined) {
      const options = field.options.map((o) => o.value);
      const values = Array.isArray(filter.value) ? filter.value : [filter.value];
      values.forEach((value, j) => {
        if (!options.includes(String(value))) {
          const pointer = Array.isArray(filter.value) ? `${at}/${i}/value/${j}` : `${at}/${i}/value`;
          checker.report(
            file,
            pointer,
            "field.type-mismatch",
            `"${String(value)}" is not an option of "${field.name}"${didYouMean(String(value), options)}`,
          );
        }
      });
    }
  });
}

/** Checks a sort order's fields exist. */
export function checkSort(checker: Checker, entity: Entity, sort: Sort | undefined, file: string, at: string): void {
  sort?.forEach((item, i) => checker.field(entity, item.field, file, `${at}/${i}/field`));
}
