import { translator } from "./i18n";
import type { DisplayContext } from "./definition/display";
import type { EntityDef, VisibleDefinition } from "./types";

/**
 * A customer entity as `GET /definition` shows it, for tests of what the
 * studio builds from a definition.
 *
 * @example
 * const view = customer().views.lists[0];
 */
export function customer(): EntityDef {
  const region = {
    name: "region",
    type: "enum" as const,
    label: { en: "Sales region", zh: "销售大区" },
    options: [
      { value: "east", label: { en: "East China", zh: "华东" } },
      { value: "north", label: { en: "North China", zh: "华北" } },
    ],
  };
  return {
    name: "customer",
    label: { en: "Customer", zh: "客户" },
    pluralLabel: { en: "Customers", zh: "客户" },
    titleField: "name",
    fields: [
      { name: "name", type: "text", label: { en: "Company name", zh: "公司名称" } },
      region,
      { name: "parent", type: "reference", entity: "customer", label: { en: "Parent company" } },
      { name: "annual_revenue", type: "money", label: { en: "Annual revenue" }, scale: 2 },
      { name: "tags", type: "multi_enum", label: { en: "Tags" }, options: [{ value: "vip", label: { en: "VIP" } }] },
      { name: "team", type: "user", multiple: true, label: { en: "Team" } },
      { name: "active", type: "boolean", label: { en: "Active" } },
      { name: "since", type: "date", label: { en: "Customer since" } },
      { name: "notes", type: "long_text", label: { en: "Notes" } },
    ],
    access: { create: true, read: true, update: true, delete: false },
    writable: ["name", "region"],
    events: {},
    views: {
      lists: [
        {
          name: "mine",
          label: { en: "My customers", zh: "我的客户" },
          columns: ["name", "region", "parent", "annual_revenue", "owner", "updated_at", "secret"],
          filters: [
            { field: "owner", op: "is_current_user" },
            { field: "region", op: "in", value: ["east", "north"] },
          ],
          sort: [{ field: "name", direction: "asc" }],
          pageSize: 25,
        },
        { name: "all", label: { en: "All customers" }, columns: ["name"] },
      ],
      forms: [],
      boards: [],
    },
  };
}

/**
 * A display context in a locale with two known people and one referenced record.
 *
 * @example
 * displayValue(field, value, context("zh"));
 */
export function context(locale = "en"): DisplayContext {
  return {
    locale,
    fallbacks: ["en", "zh", "ko"],
    timezone: "Asia/Shanghai",
    currency: "CNY",
    t: translator(locale),
    people: new Map([
      ["u-1", "Li Wei"],
      ["u-2", "Min-jun Manager"],
    ]),
    titles: new Map([
      ["r-1", { text: "Hanwha Machinery", href: "/customer/r-1" }],
      ["r-2", null],
    ]),
  };
}

/**
 * A small visible definition: two modules, one naming an entity the user may not read.
 *
 * @example
 * navigation(definition(), "en", translator("en"));
 */
export function definition(): VisibleDefinition {
  const contact: EntityDef = {
    ...customer(),
    name: "contact",
    label: { en: "Contact" },
    pluralLabel: { en: "Contacts" },
  };
  const lead: EntityDef = {
    ...customer(),
    name: "lead",
    label: { en: "Lead" },
    pluralLabel: { en: "Leads", zh: "线索" },
  };
  return {
    app: {
      id: "crm",
      version: "1.0.0",
      label: { en: "CRM" },
      locales: ["en", "zh", "ko"],
      modules: [
        { name: "customers", label: { en: "Customers", zh: "客户" }, entities: ["customer", "contact"] },
        { name: "finance", label: { en: "Finance" }, entities: ["payment"], dashboards: ["finance"] },
        { name: "sales", label: { en: "Sales" }, entities: ["customer"], dashboards: ["sales", "finance"] },
      ],
    },
    entities: [customer(), contact, lead],
    dashboards: [{ name: "sales", label: { en: "Sales dashboard", zh: "销售看板" }, widgets: [] }],
  };
}
