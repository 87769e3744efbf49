import type { Entity, Field } from "../generated/format.ts";
import { fileOf } from "../model.ts";
import { expectedCelType, isSystemField } from "../scope.ts";
import { listNames } from "../suggest.ts";
import { type Checker, literalProblem } from "./checker.ts";

const titleTypes = new Set(["text", "email", "phone", "url", "computed"]);

/** Checks every entity: field names, the title field, references, enums, ranges, defaults, expressions, indexes. */
export function checkEntities(checker: Checker): void {
  for (const entity of checker.definition.entities.values()) checkEntity(checker, entity);
}

function checkEntity(checker: Checker, entity: Entity): void {
  const file = fileOf("entity", entity.name);
  checker.label(entity.label, file, "/label");
  checker.label(entity.pluralLabel, file, "/pluralLabel");
  if (entity.description) checker.label(entity.description, file, "/description");
  const seen = new Set<string>();
  entity.fields.forEach((field, index) => {
    const at = `/fields/${index}`;
    if (seen.has(field.name)) {
      checker.report(file, `${at}/name`, "name.duplicate", `the field "${field.name}" is declared twice`);
    }
    seen.add(field.name);
    if (isSystemField(field.name)) {
      checker.report(
        file,
        `${at}/name`,
        "name.reserved",
        `"${field.name}" is a system field every record has; choose another name`,
      );
    }
    checkField(checker, entity, field, file, at);
  });
  for (const field of entity.fields) {
    if (field.renamedFrom && seen.has(field.renamedFrom)) {
      const index = entity.fields.indexOf(field);
      checker.report(
        file,
        `/fields/${index}/renamedFrom`,
        "name.duplicate",
        `"${field.renamedFrom}" is still a field of this entity`,
      );
    }
  }
  const title = entity.fields.find((f) => f.name === entity.titleField);
  if (!title) {
    checker.field(entity, entity.titleField, file, "/titleField", false);
  } else if (!titleTypes.has(title.type) || (title.type === "computed" && title.resultType !== "text")) {
    checker.report(
      file,
      "/titleField",
      "entity.title-field",
      `"${title.name}" is a ${title.type} field; a record's title must be text`,
    );
  }
  entity.indexes?.forEach((index, i) =>
    index.fields.forEach((name, j) => checker.field(entity, name, file, `/indexes/${i}/fields/${j}`)),
  );
}

function checkField(checker: Checker, entity: Entity, field: Field, file: string, at: string): void {
  checker.label(field.label, file, `${at}/label`);
  if (field.description) checker.label(field.description, file, `${at}/description`);
  switch (field.type) {
    case "reference":
      checker.entity(field.entity, file, `${at}/entity`);
      if (field.onDelete === "set_null" && field.required) {
        checker.report(
          file,
          `${at}/onDelete`,
          "schema.conflict",
          `a required field cannot be set to null when its record is deleted`,
        );
      }
      break;
    case "enum":
    case "multi_enum": {
      const values = new Set<string>();
      field.options.forEach((option, i) => {
        if (values.has(option.value)) {
          checker.report(
            file,
            `${at}/options/${i}/value`,
            "field.duplicate-option",
            `the option "${option.value}" appears twice`,
          );
        }
        values.add(option.value);
        checker.label(option.label, file, `${at}/options/${i}/label`);
      });
      if (
        field.type === "multi_enum" &&
        field.minItems !== undefined &&
        field.maxItems !== undefined &&
        field.minItems > field.maxItems
      ) {
        checker.report(
          file,
          `${at}/minItems`,
          "field.range",
          `minItems ${field.minItems} is above maxItems ${field.maxItems}`,
        );
      }
      break;
    }
    case "text":
    case "long_text":
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
        checker.report(
          file,
          `${at}/minLength`,
          "field.range",
          `minLength ${field.minLength} is above maxLength ${field.maxLength}`,
        );
      }
      break;
    case "number":
    case "percent":
    case "money":
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        checker.report(file, `${at}/min`, "field.range", `min ${field.min} is above max ${field.max}`);
      }
      break;
    case "computed":
      checker.expression(
        entity,
        field.expression,
        "computed",
        file,
        `${at}/expression`,
        expectedCelType(field.resultType),
      );
      break;
  }
  if ("default" in field && field.default !== undefined) checkDefault(checker, field, file, at);
  if ("defaultExpression" in field && field.defaultExpression !== undefined) {
    checker.expression(
      entity,
      field.defaultExpression,
      "default",
      file,
      `${at}/defaultExpression`,
      expectedCelType(field.type),
    );
  }
}

function checkDefault(checker: Checker, field: Field, file: string, at: string): void {
  const value = (field as { default?: unknown }).default;
  const problem = literalProblem(field, value);
  if (problem) {
    checker.report(file, `${at}/default`, "field.invalid-default", problem);
    return;
  }
  if (typeof value === "number" && "min" in field) {
    if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
      checker.report(
        file,
        `${at}/default`,
        "field.invalid-default",
        `${value} is outside the field's range ${field.min ?? "-∞"} to ${field.max ?? "∞"}`,
      );
    }
  }
  if (
    typeof value === "string" &&
    "maxLength" in field &&
    field.maxLength !== undefined &&
    value.length > field.maxLength
  ) {
    checker.report(
      file,
      `${at}/default`,
      "field.invalid-default",
      `the default is longer than maxLength ${field.maxLength}`,
    );
  }
  if (typeof value === "string" && field.type !== "long_text" && "pattern" in field && field.pattern) {
    if (!new RegExp(field.pattern, "u").test(value)) {
      checker.report(
        file,
        `${at}/default`,
        "field.invalid-default",
        `the default does not match the field's pattern ${field.pattern}`,
      );
    }
  }
  if (
    Array.isArray(value) &&
    field.type === "multi_enum" &&
    field.maxItems !== undefined &&
    value.length > field.maxItems
  ) {
    checker.report(
      file,
      `${at}/default`,
      "field.invalid-default",
      `the default has more than ${field.maxItems} values (${listNames(value)})`,
    );
  }
}
