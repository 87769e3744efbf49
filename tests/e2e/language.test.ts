import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";
import { columnHeaders, tableRows } from "./harness/table.ts";

const demo = useDemo();

/** What a person reads on the rep's customer list in each language: the definition's labels and the studio's own. */
const expected = {
  en: {
    button: "English",
    navGroups: ["Customers", "Sales", "Service"],
    navItems: ["Contacts", "Leads", "Complaints"],
    tabs: ["My customers", "All customers"],
    columns: ["Company name", "Sales region", "City", "Industry", "Segment", "Status", "Last changed"],
    region: "East China",
    studio: ["Home", "Notifications", "Sign out", "Add filter", "Export CSV"],
  },
  zh: {
    button: "中文",
    navGroups: ["客户", "销售", "服务"],
    navItems: ["联系人", "销售线索", "客户投诉"],
    tabs: ["我的客户", "全部客户"],
    columns: ["公司名称", "销售大区", "城市", "行业", "客户分级", "状态", "最后修改时间"],
    region: "华东",
    studio: ["首页", "通知", "退出登录", "添加筛选条件", "导出 CSV"],
  },
  ko: {
    button: "한국어",
    navGroups: ["고객", "영업", "서비스"],
    navItems: ["연락처", "리드", "고객 불만"],
    tabs: ["내 고객", "전체 고객"],
    columns: ["회사명", "영업 지역", "도시", "업종", "고객 등급", "상태", "최종 수정일시"],
    region: "화동",
    studio: ["홈", "알림", "로그아웃", "필터 추가", "CSV 내보내기"],
  },
} as const;

type Locale = keyof typeof expected;

async function expectLanguage(page: Page, locale: Locale) {
  const want = expected[locale];
  expect(await page.locator("html").getAttribute("lang")).toBe(locale);
  const nav = await page.locator("nav.sidebar").innerText();
  for (const label of [...want.navGroups, ...want.navItems]) expect(nav).toContain(label);
  expect(await columnHeaders(page)).toEqual(want.columns);
  const rows = await tableRows(page);
  expect(rows[0]?.[want.columns[1]]).toBe(want.region);
  const shown = await page.locator("body").innerText();
  for (const text of [...want.tabs, ...want.studio]) expect(shown).toContain(text);
  for (const other of Object.keys(expected).filter((l) => l !== locale) as Locale[])
    for (const text of [...expected[other].columns, ...expected[other].studio, ...expected[other].tabs])
      if (!(want.columns as readonly string[]).includes(text)) expect(shown).not.toContain(text);
}

describe("the language switch", () => {
  it("turns the labels of the definition and of the studio into Chinese, then Korean", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", "/customer");
    await expectLanguage(page, "en");
    await visit.shot("english");

    for (const locale of ["zh", "ko"] as const) {
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/customer"),
        page.waitForResponse((response) => new URL(response.url()).pathname === "/language"),
        page.getByRole("button", { name: expected[locale].button }).click(),
      ]);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: "attached" });
      await visit.shot(locale === "zh" ? "chinese" : "korean");
      await expectLanguage(page, locale);
    }

    await page.reload();
    await expectLanguage(page, "ko");
  });
});
