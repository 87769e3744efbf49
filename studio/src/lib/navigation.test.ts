import { describe, expect, it } from "vitest";
import { translator } from "./i18n";
import { navigation } from "./navigation";
import { definition } from "./testing";

describe("navigation", () => {
  it("follows the app's modules, keeps what the user may see, and puts the rest under More", () => {
    const groups = navigation(definition(), "zh", translator("zh"));
    expect(groups).toEqual([
      {
        name: "customers",
        label: "客户",
        items: [
          { href: "/customer", label: "客户", kind: "entity" },
          { href: "/contact", label: "Contacts", kind: "entity" },
        ],
      },
      { name: "sales", label: "Sales", items: [{ href: "/dashboards/sales", label: "销售看板", kind: "dashboard" }] },
      { name: "more", label: "更多", items: [{ href: "/lead", label: "线索", kind: "entity" }] },
    ]);
  });
});
