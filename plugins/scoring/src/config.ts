import type { PluginConfig } from "@temper/plugin-sdk";
import { checkScoringConfig } from "./check.ts";

/** The four sides of a customer's value. */
export const dimensionNames = ["characteristics", "transactions", "financial", "contact"] as const;
export type DimensionName = (typeof dimensionNames)[number];

interface IndicatorBase {
  /** Lower snake case, unique in the configuration. */
  name: string;
  /** Its weight within its dimension (relative: weights need not add up to anything). */
  weight: number;
  /** `lower` for what counts against a customer (complaints, overdue payments). */
  better?: "higher" | "lower";
}

/** A number, money or percent field of the scored record, normalized across customers. */
export interface FieldIndicator extends IndicatorBase {
  field: string;
}

/** An enum field of the scored record, with points (0–100) per value; other values score 0. */
export interface PointsIndicator extends IndicatorBase {
  field: string;
  points: Record<string, number>;
}

/** A count or a sum over the records of another entity that reference the customer, normalized across customers. */
export interface AggregateIndicator extends IndicatorBase {
  entity: string;
  /** The field of `entity` that references the scored record (by default, the one named after the scored entity). */
  reference?: string;
  aggregate: "count" | "sum";
  /** The number field summed (for `sum`). */
  field?: string;
  /** List filters, as the API writes them: `{ "stage": "won", "amount.gte": "1000" }`. */
  where?: Record<string, string>;
  /** Only records whose date field falls within the period before now: `{ "field": "paid_on", "period": "P365D" }`. */
  window?: { field: string; period: string };
}

export type Indicator = FieldIndicator | PointsIndicator | AggregateIndicator;

export interface Dimension {
  weight: number;
  indicators: Indicator[];
}

/** The plugin's configuration: `plugins/scoring.json` of the definition folder. */
export interface ScoringConfig {
  /** The scored entity: `customer`. */
  entity: string;
  /** A number field that receives the total score (0–100). */
  scoreField: string;
  /** An enum field that receives the ABC segment. */
  segmentField: string;
  /** Decimals the score is written with (0 by default): as many as the score field keeps. */
  decimals?: number;
  /** Which records are scored (list filters); every one by default. */
  where?: Record<string, string>;
  dimensions: Partial<Record<DimensionName, Dimension>>;
  segmentation: {
    /** The value the Pareto curve is drawn on: `score`, a dimension's score, or an indicator's raw value. */
    by: string;
    /** Cumulative share of the value up to which customers are A (0.8 by default), then B (0.95). */
    a?: number;
    b?: number;
    /** The segment field's values for A, B and C (`a`, `b`, `c` by default). */
    values?: { a: string; b: string; c: string };
  };
}

/**
 * Whether an indicator reads the scored record's own field (rather than aggregating another entity's records).
 *
 * @example
 * isFieldIndicator({ name: "revenue", weight: 1, field: "annual_revenue" }); // true
 */
export const isFieldIndicator = (indicator: Indicator): indicator is FieldIndicator | PointsIndicator =>
  !("entity" in indicator);

const name = { type: "string", pattern: "^[a-z][a-z0-9_]*$" };
const weight = { type: "number", minimum: 0 };
const filters = { type: "object", additionalProperties: { type: "string" } };
const common = { name, weight, better: { enum: ["higher", "lower"] } };

const indicator = {
  oneOf: [
    {
      type: "object",
      required: ["name", "weight", "field"],
      properties: {
        ...common,
        field: name,
        points: { type: "object", additionalProperties: { type: "number", minimum: 0, maximum: 100 } },
      },
      additionalProperties: false,
    },
    {
      type: "object",
      required: ["name", "weight", "entity", "aggregate"],
      properties: {
        ...common,
        entity: name,
        reference: name,
        aggregate: { enum: ["count", "sum"] },
        field: name,
        where: filters,
        window: {
          type: "object",
          required: ["field", "period"],
          properties: { field: name, period: { type: "string", pattern: "^P" } },
          additionalProperties: false,
        },
      },
      if: { properties: { aggregate: { const: "sum" } } },
      then: { required: ["field"] },
      additionalProperties: false,
    },
  ],
};

const dimension = {
  type: "object",
  required: ["weight", "indicators"],
  properties: { weight, indicators: { type: "array", minItems: 1, items: indicator } },
  additionalProperties: false,
};

const share = { type: "number", exclusiveMinimum: 0, maximum: 1 };

/**
 * The scoring configuration as the definition declares it, checked when the
 * definition is validated: its shape here, its references to entities and
 * fields by {@link checkScoringConfig}.
 *
 * @example
 * definePlugin({ name: "scoring", version: "1.0.0", config: scoringConfig, steps: [], jobs: [recompute] });
 */
export const scoringConfig: PluginConfig = {
  schema: {
    type: "object",
    required: ["entity", "scoreField", "segmentField", "dimensions", "segmentation"],
    properties: {
      entity: name,
      scoreField: name,
      segmentField: name,
      decimals: { type: "integer", minimum: 0, maximum: 4 },
      where: filters,
      dimensions: {
        type: "object",
        minProperties: 1,
        properties: Object.fromEntries(dimensionNames.map((d) => [d, dimension])),
        additionalProperties: false,
      },
      segmentation: {
        type: "object",
        required: ["by"],
        properties: {
          by: name,
          a: share,
          b: share,
          values: {
            type: "object",
            required: ["a", "b", "c"],
            properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string" } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  check: (config, definition) => checkScoringConfig(config as unknown as ScoringConfig, definition),
};
