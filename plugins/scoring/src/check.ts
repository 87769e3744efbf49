import type { DefinitionSummary } from "@temper/plugin-sdk";
import { type AggregateIndicator, dimensionNames, isFieldIndicator, type ScoringConfig } from "./config.ts";
import { isDuration } from "./duration.ts";

type Problem = { pointer: string; message: string };
type Fields = DefinitionSummary["entities"][string]["fields"];

/** Every record has these, besides its entity's fields. */
const systemFields: Fields = {
  id: { type: "reference" },
  owner: { type: "user" },
  created_at: { type: "datetime" },
  created_by: { type: "user" },
  updated_at: { type: "datetime" },
  updated_by: { type: "user" },
  version: { type: "number" },
};
// A computed field's result type is not in the summary: the engine refuses one that is not a number when it sums.
const numeric = new Set(["number", "money", "percent", "computed"]);
const dates = new Set(["date", "datetime"]);
const operators = new Set(["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "empty", "not_empty"]);

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** The fields of an entity, system fields included, or undefined when it does not exist. */
function fieldsOf(definition: DefinitionSummary, entity: string): Fields | undefined {
  const found = definition.entities[entity];
  return found ? { ...systemFields, ...found.fields } : undefined;
}

function checkField(
  fields: Fields,
  entity: string,
  field: string,
  allowed: Set<string>,
  what: string,
  pointer: string,
): Problem[] {
  const found = fields[field];
  if (!found) return [{ pointer, message: `"${entity}" has no field "${field}"` }];
  if (!allowed.has(found.type))
    return [{ pointer, message: `"${entity}.${field}" is ${found.type}: ${what} needs ${[...allowed].join(", ")}` }];
  return [];
}

function checkWhere(fields: Fields, entity: string, where: Record<string, string> | undefined, pointer: string) {
  return Object.keys(where ?? {}).flatMap((key): Problem[] => {
    const dot = key.lastIndexOf(".");
    const [field, op] = dot > 0 ? [key.slice(0, dot), key.slice(dot + 1)] : [key, "eq"];
    const at = `${pointer}/${escape(key)}`;
    if (!operators.has(op)) return [{ pointer: at, message: `"${op}" is not a filter operator` }];
    return fields[field] ? [] : [{ pointer: at, message: `"${entity}" has no field "${field}"` }];
  });
}

function checkAggregate(
  config: ScoringConfig,
  definition: DefinitionSummary,
  indicator: AggregateIndicator,
  at: string,
): Problem[] {
  const fields = fieldsOf(definition, indicator.entity);
  if (!fields) return [{ pointer: `${at}/entity`, message: `no entity "${indicator.entity}"` }];
  const problems: Problem[] = [];
  const reference = indicator.reference ?? config.entity;
  const found = fields[reference];
  if (found?.type !== "reference" || found.entity !== config.entity)
    problems.push({
      pointer: `${at}/${indicator.reference ? "reference" : "entity"}`,
      message: `"${indicator.entity}" has no reference field "${reference}" to ${config.entity}${indicator.reference ? "" : `: name it in "reference"`}`,
    });
  if (indicator.aggregate === "sum" && indicator.field)
    problems.push(...checkField(fields, indicator.entity, indicator.field, numeric, "a sum", `${at}/field`));
  if (indicator.aggregate === "count" && indicator.field)
    problems.push({ pointer: `${at}/field`, message: `a count takes no field (a sum does)` });
  problems.push(...checkWhere(fields, indicator.entity, indicator.where, `${at}/where`));
  if (indicator.window) {
    problems.push(
      ...checkField(fields, indicator.entity, indicator.window.field, dates, "a window", `${at}/window/field`),
    );
    if (!isDuration(indicator.window.period))
      problems.push({
        pointer: `${at}/window/period`,
        message: `"${indicator.window.period}" is not an ISO-8601 duration`,
      });
  }
  return problems;
}

/**
 * Checks a scoring configuration against the definition it is part of: the
 * scored entity, its score and segment fields, each indicator's entity,
 * reference, fields, filters and window, and what segmentation is drawn on.
 * One problem per mistake, with its JSON pointer in `plugins/scoring.json`.
 *
 * @example
 * checkScoringConfig(config, summary); // [{ pointer: "/dimensions/financial/indicators/0/field", message: '"payment" has no field "paid"' }]
 */
export function checkScoringConfig(config: ScoringConfig, definition: DefinitionSummary): Problem[] {
  const fields = fieldsOf(definition, config.entity);
  if (!fields) return [{ pointer: "/entity", message: `no entity "${config.entity}"` }];
  const problems: Problem[] = [
    ...checkField(fields, config.entity, config.scoreField, new Set(["number", "percent"]), "the score", "/scoreField"),
    ...checkField(fields, config.entity, config.segmentField, new Set(["enum"]), "the segment", "/segmentField"),
    ...checkWhere(fields, config.entity, config.where, "/where"),
  ];
  const names = new Set<string>(["score", ...dimensionNames]);
  for (const [dimension, declared] of Object.entries(config.dimensions))
    declared?.indicators.forEach((indicator, index) => {
      const at = `/dimensions/${dimension}/indicators/${index}`;
      if (names.has(indicator.name))
        problems.push({
          pointer: `${at}/name`,
          message: `"${indicator.name}" names another indicator, a dimension or the score`,
        });
      names.add(indicator.name);
      if (!isFieldIndicator(indicator)) return problems.push(...checkAggregate(config, definition, indicator, at));
      if (indicator.field === config.scoreField)
        return problems.push({ pointer: `${at}/field`, message: "the score cannot be an indicator of itself" });
      const allowed = "points" in indicator ? new Set(["enum"]) : numeric;
      problems.push(...checkField(fields, config.entity, indicator.field, allowed, "this indicator", `${at}/field`));
    });
  const { by, a = 0.8, b = 0.95 } = config.segmentation;
  if (!names.has(by) || (dimensionNames.includes(by as never) && !config.dimensions[by as never]))
    problems.push({
      pointer: "/segmentation/by",
      message: `"${by}" is neither "score", a dimension with indicators, nor an indicator`,
    });
  if (b < a) problems.push({ pointer: "/segmentation/b", message: `B's share (${b}) must be at least A's (${a})` });
  return problems;
}
