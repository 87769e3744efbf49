import { translator } from "../i18n";
import type { EntityDef, Stats, WidgetDef } from "../types";
import type { DashboardScope } from "./requests";
import type { SeriesContext } from "./series";

const stages = ["prospecting", "qualification", "proposal", "won", "lost"];
const stageLabels: Record<string, Record<string, string>> = {
  prospecting: { en: "Prospecting", zh: "初步接洽", ko: "발굴" },
  qualification: { en: "Qualification", zh: "需求确认", ko: "검증" },
  proposal: { en: "Proposal", zh: "方案报价", ko: "제안" },
  won: { en: "Won", zh: "赢单", ko: "수주" },
  lost: { en: "Lost", zh: "输单", ko: "실주" },
};

/**
 * An opportunity entity as `GET /definition` shows it, with list views
 * filtered as the reference CRM's are, for tests of dashboards.
 *
 * @example
 * const entity = opportunity();
 */
export function opportunity(): EntityDef {
  return {
    name: "opportunity",
    label: { en: "Opportunity", zh: "商机" },
    pluralLabel: { en: "Opportunities", zh: "商机" },
    titleField: "name",
    fields: [
      { name: "name", type: "text", label: { en: "Opportunity name" } },
      { name: "customer", type: "reference", entity: "customer", label: { en: "Customer" } },
      {
        name: "stage",
        type: "enum",
        label: { en: "Stage", zh: "阶段" },
        options: stages.map((value) => ({ value, label: stageLabels[value]! })),
      },
      { name: "amount", type: "money", label: { en: "Amount", zh: "金额" }, scale: 2 },
      { name: "probability", type: "percent", label: { en: "Probability" }, scale: 0 },
      { name: "expected_close", type: "date", label: { en: "Expected close date", zh: "预计成交日期" } },
      {
        name: "weighted_amount",
        type: "computed",
        resultType: "money",
        label: { en: "Weighted amount" },
        scale: 2,
      },
      { name: "competitor", type: "text", label: { en: "Main competitor" } },
    ],
    access: { create: true, read: true, update: true, delete: false },
    writable: [],
    events: { opportunity_pipeline: ["qualify"] },
    views: {
      lists: [
        {
          name: "my_open_opportunities",
          label: { en: "My open opportunities" },
          columns: ["name"],
          filters: [
            { field: "owner", op: "is_current_user" },
            { field: "stage", op: "not_in", value: ["won", "lost"] },
          ],
        },
        {
          name: "open_pipeline",
          label: { en: "Open pipeline" },
          columns: ["name"],
          filters: [{ field: "stage", op: "not_in", value: ["won", "lost"] }],
        },
        {
          name: "won_opportunities",
          label: { en: "Won" },
          columns: ["name"],
          filters: [{ field: "stage", op: "eq", value: "won" }],
        },
      ],
      forms: [],
      boards: [],
    },
  };
}

/** The pipeline's states as the stats route describes them. */
export function pipeline(): NonNullable<Stats["processes"]>[string] {
  return {
    stateField: "stage",
    states: stages.map((name) => ({
      name,
      label: stageLabels[name]!,
      ...(name === "won" || name === "lost" ? { final: true } : {}),
    })),
  };
}

/** A stats answer with rows, as the API gives it. */
export function stats(rows: Stats["rows"], extra: Partial<Stats> = {}): Stats {
  return { groups: [], sums: [], rows, total: rows.reduce((n, r) => n + r.count, 0), users: {}, ...extra };
}

/** A widget of the opportunity entity. */
export function widget(extra: Partial<WidgetDef> & Pick<WidgetDef, "type">): WidgetDef {
  return { name: "w", label: { en: "Widget" }, entity: "opportunity", ...extra };
}

/** The dashboard's filters left as they come: no period, unit or owner. */
export function scope(extra: Partial<DashboardScope> = {}): DashboardScope {
  return {
    userId: "me-1",
    timezone: "Asia/Shanghai",
    period: null,
    unit: null,
    unitPeople: null,
    owner: null,
    ...extra,
  };
}

/** A series context in a locale, with two people. */
export function seriesContext(locale = "en", extra: Partial<SeriesContext> = {}): SeriesContext {
  return {
    locale,
    fallbacks: ["en", "zh", "ko"],
    t: translator(locale),
    timezone: "Asia/Shanghai",
    currency: "CNY",
    people: new Map([
      ["u-1", "Li Wei"],
      ["u-2", "Kim Min-jun"],
    ]),
    titles: new Map(),
    period: null,
    ...extra,
  };
}
