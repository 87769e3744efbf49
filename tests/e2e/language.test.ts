import { randomInt } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { type Visit, useDemo } from "./harness/demo.ts";
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

/**
 * What a person reads on the inbox, a board, the calendar and a dashboard in each language: the studio's own
 * strings (studio/src/lib/i18n) and the definition's labels (definitions/examples/crm), word for word.
 */
const screens = {
  en: {
    inbox: {
      title: "Inbox",
      tasks: "Waiting on you",
      decide: "Your decision",
      decisions: ["Approve", "Reject", "Return to submitter", "Delegate"],
      task: "Quote · Sales manager",
      submitted: "Submitted by Li Wei",
      shown: ["Approvals waiting on you, oldest first.", "What you decide on", "Who decides", "Comment (optional)"],
      labels: ["Quote · Quote approval: Sales manager", "Quote number", "Discount", "Pending approval"],
    },
    board: {
      title: "Pipeline",
      shown: ["Cards can be moved with the “Move to” menu on each card.", "Owner", "Move to"],
      labels: ["Opportunities · Opportunity pipeline", "Prospecting", "Qualification", "Needs analysis", "Proposal"],
    },
    dashboard: {
      title: "Sales",
      shown: ["Period", "Apply", "Show as table", "Open the list"],
      labels: ["Open pipeline", "Opportunities per stage", "Leads by source", "Prospecting", "Won"],
    },
    calendar: {
      deadline: (number: string) => `Quote ${number} · Sales manager: goes up a level if undecided`,
      views: { name: "Calendar view", links: ["Month", "Week"] },
      shown: ["Calendar", "Today", "Process deadlines and reminders on your records", "New schedule item"],
      labels: ["Times in Asia/Shanghai"],
    },
  },
  zh: {
    inbox: {
      title: "待办审批",
      tasks: "等待您处理",
      decide: "您的决定",
      decisions: ["批准", "驳回", "退回提交人", "转交他人"],
      task: "报价单 · 销售经理审批",
      submitted: "提交人：Li Wei",
      shown: ["等待您处理的审批，按时间先后排列。", "审批内容", "审批人", "意见（可选）"],
      labels: ["报价单 · 报价审批：销售经理审批", "报价单号", "整单折扣", "审批中"],
    },
    board: {
      title: "销售漏斗",
      shown: ["也可以使用每张卡片上的“移动到”菜单移动卡片。", "负责人", "移动到"],
      labels: ["商机 · 商机推进", "初步接洽", "需求确认", "方案分析", "方案报价"],
    },
    dashboard: {
      title: "销售看板",
      shown: ["期间", "应用", "以表格显示", "打开列表"],
      labels: ["在途商机金额", "各阶段商机数量", "线索来源分布", "初步接洽", "赢单"],
    },
    calendar: {
      deadline: (number: string) => `报价单 ${number} · 销售经理审批：未处理将升级`,
      views: { name: "日历视图", links: ["月", "周"] },
      shown: ["日历", "今天", "您的记录上的流程期限与提醒", "新建日程"],
      labels: ["时间按 Asia/Shanghai 显示"],
    },
  },
  ko: {
    inbox: {
      title: "결재함",
      tasks: "내 결재 대기",
      decide: "내 결정",
      decisions: ["승인", "반려", "제출자에게 반송", "위임"],
      task: "견적 · 영업 팀장 승인",
      submitted: "제출: Li Wei",
      shown: ["내가 결정할 결재 건입니다. 오래된 순서로 표시됩니다.", "결재 내용", "결재자", "의견(선택)"],
      labels: ["견적 · 견적 승인: 영업 팀장 승인", "견적 번호", "할인율", "승인 대기"],
    },
    board: {
      title: "파이프라인",
      shown: ["각 카드의 ‘이동’ 메뉴로도 카드를 옮길 수 있습니다.", "담당자", "이동"],
      labels: ["영업 기회 · 영업 기회 파이프라인", "발굴", "검증", "니즈 분석", "제안"],
    },
    dashboard: {
      title: "영업 대시보드",
      shown: ["기간", "적용", "표로 보기", "목록 열기"],
      labels: ["진행 중 파이프라인", "단계별 영업 기회 수", "유입 경로별 리드", "발굴", "수주"],
    },
    calendar: {
      deadline: (number: string) => `견적 ${number} · 영업 팀장 승인: 미결정 시 상급자에게 상신`,
      views: { name: "캘린더 보기", links: ["월", "주"] },
      shown: ["캘린더", "오늘", "내 레코드의 프로세스 기한과 알림", "새 일정"],
      labels: ["시간대: Asia/Shanghai"],
    },
  },
} as const;

type Screen = keyof (typeof screens)["en"];

/** Clicks the language switch and waits for the page to come back in that language. */
async function switchLanguage(page: Page, locale: Locale) {
  await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === "/language"),
    page.getByRole("button", { name: expected[locale].button }).click(),
  ]);
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: "attached" });
}

/**
 * Expects the screen's heading, its studio strings and the definition's labels in the page's main area, and,
 * in Chinese and Korean, none of the English phrases they stand for.
 */
async function expectScreen(page: Page, locale: Locale, screen: Screen, title?: string) {
  const want = screens[locale][screen];
  if (title !== undefined) expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(title);
  const shown = await page.locator("main").innerText();
  for (const text of [...want.shown, ...want.labels]) expect(shown, `${locale} ${screen}: ${text}`).toContain(text);
  // Short words ("Today", "Owner") may well be in the records' own text: the phrases are not.
  if (locale !== "en")
    for (const text of screens.en[screen].shown.filter((t) => t.length >= 10))
      expect(shown, `${locale} ${screen}: "${text}"`).not.toContain(text);
}

/** The manager's inbox with the quote's task open: its level, the record's fields, the decision. */
async function expectInbox(visit: Visit, locale: Locale, number: string) {
  const { page } = visit;
  const want = screens[locale].inbox;
  await page.goto("/inbox");
  const task = page.getByRole("navigation", { name: want.tasks }).getByRole("link").filter({ hasText: number });
  expect(await task.innerText()).toContain(want.task);
  expect(await task.innerText()).toContain(want.submitted);
  await Promise.all([page.waitForURL((url) => url.searchParams.get("task") !== null), task.click()]);
  const decision = page.getByRole("region", { name: want.decide });
  for (const name of want.decisions) await decision.getByRole("radio", { name, exact: true }).waitFor();
  await expectScreen(page, locale, "inbox", want.title);
  await visit.shot(`the inbox in ${locale}`, { fullPage: true });
}

/** The sales pipeline board: its process, columns in the process's states, the cards' "Move to". */
async function expectBoard(visit: Visit, locale: Locale) {
  await visit.page.goto("/boards/opportunity/pipeline");
  await expectScreen(visit.page, locale, "board", screens[locale].board.title);
  await visit.shot(`the board in ${locale}`);
}

/** The sales dashboard: the definition's title, widgets and stages, the studio's filters and links. */
async function expectDashboard(visit: Visit, locale: Locale) {
  await visit.page.goto("/dashboards/sales");
  await visit.page.locator("main svg").first().waitFor();
  await expectScreen(visit.page, locale, "dashboard", screens[locale].dashboard.title);
  await visit.shot(`the dashboard in ${locale}`, { fullPage: true });
}

/** The rep's week with the quote's approval deadline: the studio's words around the process's own. */
async function expectCalendar(visit: Visit, locale: Locale, quote: { id: string; number: string; due: string }) {
  const { page } = visit;
  const want = screens[locale].calendar;
  await page.goto(`/calendar?view=week&date=${quote.due}`);
  const deadline = page.locator(`main a[href="/quote/${quote.id}"]`);
  expect(await deadline.getAttribute("title")).toBe(want.deadline(quote.number));
  const views = page.getByRole("navigation", { name: want.views.name });
  for (const name of want.views.links) await views.getByRole("link", { name, exact: true }).waitFor();
  await expectScreen(page, locale, "calendar");
  await visit.shot(`the calendar in ${locale}`);
}

describe("the language switch on the screens people work in", () => {
  it("turns the inbox, a board, the calendar and a dashboard into Chinese, then Korean", async () => {
    // A quote of the rep's waiting on his manager: a task in the manager's inbox, a deadline on the rep's calendar.
    const rep = await apiAs(demo.url, "rep");
    const me = (await rep.get("/me")) as { id: string };
    const { records } = (await rep.get(`/records/opportunity?owner.eq=${me.id}&limit=1`)) as {
      records: Array<{ id: string; customer: string }>;
    };
    const n = randomInt(1000, 9999);
    const number = `Q-LANG-${n}`;
    const { id } = (await rep.post("/records/quote", {
      number,
      name: `Spindle retrofit ${n}`,
      opportunity: records[0]!.id,
      customer: records[0]!.customer,
      subtotal: 480000,
      discount: 15,
      valid_until: "2027-03-31",
    })) as { id: string };
    await rep.post(`/records/quote/${id}/events`, { type: "submit" });
    const { timers } = (await rep.get("/timers")) as { timers: Array<{ recordId: string; dueAt: string }> };
    const dueAt = timers.find((timer) => timer.recordId === id)!.dueAt;
    const due = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(dueAt));
    const quote = { id, number, due };

    const manager = await demo.visit();
    await signIn(manager, "manager", "/inbox");
    const repVisit = await demo.visit();
    await signIn(repVisit, "rep", `/calendar?view=week&date=${due}`);
    for (const locale of ["en", "zh", "ko"] as const) {
      if (locale !== "en") {
        await switchLanguage(manager.page, locale);
        await switchLanguage(repVisit.page, locale);
      }
      await expectInbox(manager, locale, number);
      await expectBoard(manager, locale);
      await expectDashboard(manager, locale);
      await expectCalendar(repVisit, locale, quote);
    }
  });
});
