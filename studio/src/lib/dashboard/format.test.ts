import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { bucketLabel, formatCompact, formatMeasure, formatRange, measureFormat } from "./format";
import { opportunity } from "./testing";

const money = { style: "money" as const, currency: "CNY" };

describe("formatting a dashboard's numbers and dates", () => {
  it("reads measures as their fields do: money in the app's currency, percents, counts", () => {
    const entity = opportunity();
    expect(measureFormat({ aggregate: "sum", field: "weighted_amount" }, entity, "CNY")).toEqual({
      style: "money",
      currency: "CNY",
      scale: 2,
    });
    expect(measureFormat({ aggregate: "avg", field: "probability" }, entity, "CNY")).toEqual({
      style: "percent",
      scale: 0,
    });
    expect(measureFormat({ aggregate: "count" }, entity, "CNY")).toEqual({ style: "count" });
    expect(measureFormat({ aggregate: "max", field: "expected_close" }, entity, "CNY")).toEqual({ style: "date" });
  });

  it("writes amounts whole in the user's locale, and short on axes", () => {
    expect(formatMeasure(1250000.4, money, "en")).toBe("CN¥1,250,000");
    expect(formatMeasure(1250000.4, money, "zh")).toBe("¥1,250,000");
    expect(formatMeasure(1250000, money, "ko")).toMatch(/^CN¥\s?1,250,000$/);
    expect(formatMeasure(72.5, { style: "percent", scale: 1 }, "en")).toBe("72.5%");
    expect(formatMeasure(1234, { style: "count" }, "en")).toBe("1,234");
    expect(formatMeasure(null, { style: "count" }, "en")).toBe("");
    expect(formatMeasure("2026-11-02", { style: "date" }, "en")).toBe("Nov 2, 2026");
    expect(formatCompact(1250000, money, "en")).toBe("CN¥1.3M");
    expect(formatCompact(1250000, money, "zh")).toBe("¥125万");
    expect(formatCompact(1250000, { style: "count" }, "ko")).toBe("125만");
  });

  it("names days, weeks, months, quarters and years in the user's language", () => {
    const t = (locale: string) => translator(locale);
    expect(bucketLabel("2026-10-01", "quarter", "en", t("en"))).toBe("Q4 2026");
    expect(bucketLabel("2026-10-01", "quarter", "zh", t("zh"))).toBe("2026年第4季度");
    expect(bucketLabel("2026-10-01", "quarter", "ko", t("ko"))).toBe("2026년 4분기");
    expect(bucketLabel("2026-11-01", "month", "en", t("en"))).toBe("Nov 2026");
    expect(bucketLabel("2026-11-01", "month", "zh", t("zh"))).toBe("2026年11月");
    expect(bucketLabel("2026-11-01", "month", "ko", t("ko"))).toBe("2026년 11월");
    expect(bucketLabel("2026-11-02", "week", "en", t("en"))).toBe("Week of Nov 2");
    expect(bucketLabel("2026-01-01", "year", "zh", t("zh"))).toBe("2026年");
    expect(bucketLabel("2026-11-02", "day", "en", t("en"))).toBe("Mon, Nov 2");
  });

  it("writes a period's days as one span", () => {
    const span = formatRange({ from: "2026-10-01", to: "2026-12-31" }, "en", translator("en"));
    expect(span.replace(/\s/g, " ")).toBe("Oct 1 – Dec 31, 2026");
    expect(formatRange({ from: "2026-10-01" }, "en", translator("en"))).toBe("Since Oct 1, 2026");
  });
});
