import { describe, expect, it } from "vitest";
import { context, customer } from "../testing";
import type { FieldDef } from "../types";
import { displayValue } from "./display";
import { fieldOf } from "./fields";

const field = (name: string) => fieldOf(customer(), name)!;

describe("displayValue", () => {
  it("shows option labels, people's names and referenced titles", () => {
    expect(displayValue(field("region"), "east", context("zh"))).toEqual({ text: "华东" });
    expect(displayValue(field("region"), "gone", context("en"))).toEqual({ text: "gone" });
    expect(displayValue(field("owner"), "u-1", context("en"))).toEqual({ text: "Li Wei" });
    expect(displayValue(field("team"), ["u-1", "u-2"], context("en")).text).toBe("Li Wei, Min-jun Manager");
    expect(displayValue(field("parent"), "r-1", context("en"))).toEqual({
      text: "Hanwha Machinery",
      href: "/customer/r-1",
    });
    expect(displayValue(field("parent"), "r-2", context("en"))).toEqual({ text: "No access", muted: true });
  });

  it("formats money, dates and instants in the user's locale and the app's time zone", () => {
    expect(displayValue(field("annual_revenue"), 1250000.5, context("en")).text).toBe("CN¥1,250,000.50");
    expect(displayValue(field("annual_revenue"), 1250000.5, context("zh")).text).toBe("¥1,250,000.50");
    expect(displayValue(field("since"), "2026-03-31", context("en")).text).toBe("Mar 31, 2026");
    expect(displayValue(field("since"), "2026-03-31", context("ko")).text).toBe("2026. 3. 31.");
    expect(displayValue(field("updated_at"), "2026-11-01T20:30:00Z", context("en")).text).toBe("Nov 2, 2026, 4:30 AM");
    const percent: FieldDef = { name: "p", type: "percent", label: {} };
    expect(displayValue(percent, 25, context("en")).text).toBe("25%");
  });

  it("shows booleans in words, links for contact fields, nothing for empty values", () => {
    expect(displayValue(field("active"), true, context("ko")).text).toBe("예");
    expect(displayValue({ name: "e", type: "email", label: {} }, "a@b.cn", context("en"))).toEqual({
      text: "a@b.cn",
      href: "mailto:a@b.cn",
    });
    expect(displayValue({ name: "w", type: "url", label: {} }, "javascript:alert(1)", context("en"))).toEqual({
      text: "javascript:alert(1)",
    });
    expect(displayValue(field("name"), null, context("en"))).toEqual({ text: "" });
    const computed: FieldDef = { name: "c", type: "computed", resultType: "boolean", label: {} };
    expect(displayValue(computed, false, context("en")).text).toBe("No");
  });
});
