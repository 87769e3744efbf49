import type { OrgUnitKind } from "../org/units.ts";

/** The password of every demo user: the demo is for trying Temper out, never for real data. */
export const demoPassword = "temper-demo";

/** The customer regions of the reference CRM, each with the sales team that covers it. */
export const regions = ["north", "east", "south", "central", "west", "international"] as const;
export type Region = (typeof regions)[number];

/** The sales team (org unit code) that covers a region, as the CRM's lead assignment names them. */
export const teamOfRegion: Record<Region, string> = {
  north: "north_sales",
  east: "east_sales",
  south: "south_sales",
  central: "central_sales",
  west: "west_sales",
  international: "international_sales",
};

/** An org unit of the demo company. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parent: string | null;
}

/** A person of the demo company: a login, a place in the org, and whether they still work there. */
export interface DemoPerson {
  username: string;
  displayName: string;
  /** What they do, as the banner says it. */
  title: string;
  roles: string[];
  unit: string;
  manager: string | null;
  /** A rep who leaves the company during the story: their records pass to `successor`. */
  leaves?: { successor: string };
}

/** The demo company: a maker of industrial equipment with regional sales teams, a service center and finance. */
export const demoCompany = "Huajing Precision Machinery Co., Ltd.";

/**
 * The org units, parents first: the company, the sales division with three
 * regions over the six regional teams, the service department with its
 * center, finance, and IT.
 */
export const demoUnits: DemoUnit[] = [
  { code: "company", name: demoCompany, kind: "company", parent: null },
  { code: "sales", name: "Sales division", kind: "department", parent: "company" },
  { code: "north_east_region", name: "North & East China", kind: "region", parent: "sales" },
  { code: "north_sales", name: "North China sales", kind: "team", parent: "north_east_region" },
  { code: "east_sales", name: "East China sales", kind: "team", parent: "north_east_region" },
  { code: "south_west_region", name: "South, Central & West China", kind: "region", parent: "sales" },
  { code: "south_sales", name: "South China sales", kind: "team", parent: "south_west_region" },
  { code: "central_sales", name: "Central China sales", kind: "team", parent: "south_west_region" },
  { code: "west_sales", name: "West China sales", kind: "team", parent: "south_west_region" },
  { code: "overseas_region", name: "Overseas", kind: "region", parent: "sales" },
  { code: "international_sales", name: "International sales", kind: "team", parent: "overseas_region" },
  { code: "service", name: "Customer service", kind: "department", parent: "company" },
  { code: "service_center", name: "Service center", kind: "team", parent: "service" },
  { code: "finance_dept", name: "Finance", kind: "department", parent: "company" },
  { code: "it", name: "IT & administration", kind: "department", parent: "company" },
];

const rep = (username: string, displayName: string, unit: string, manager: string): DemoPerson => ({
  username,
  displayName,
  title: "Sales representative",
  roles: ["sales_rep"],
  unit,
  manager,
});

const agent = (username: string, displayName: string): DemoPerson => ({
  username,
  displayName,
  title: "Service agent",
  roles: ["service_agent"],
  unit: "service_center",
  manager: "supervisor",
});

/**
 * The people, each after their manager. The short usernames (admin, exec,
 * vp, director, manager, rep, supervisor, agent, finance) are the demo's
 * logins; `sun.hao` leaves in the course of the story.
 */
export const demoPeople: DemoPerson[] = [
  {
    username: "exec",
    displayName: "Chen Jianguo",
    title: "General manager",
    roles: ["executive"],
    unit: "company",
    manager: null,
  },
  {
    username: "admin",
    displayName: "Zhang Yu",
    title: "CRM administrator",
    roles: ["administrator"],
    unit: "it",
    manager: "exec",
  },
  {
    username: "vp",
    displayName: "Wang Haitao",
    title: "VP of sales",
    roles: ["vp_sales"],
    unit: "sales",
    manager: "exec",
  },
  {
    username: "director",
    displayName: "Zhou Min",
    title: "Sales director",
    roles: ["sales_director"],
    unit: "north_east_region",
    manager: "vp",
  },
  {
    username: "huang.lei",
    displayName: "Huang Lei",
    title: "Sales director",
    roles: ["sales_director"],
    unit: "south_west_region",
    manager: "vp",
  },
  {
    username: "kim.taehyun",
    displayName: "Kim Tae-hyun",
    title: "Sales director",
    roles: ["sales_director"],
    unit: "overseas_region",
    manager: "vp",
  },
  manager("manager", "Kim Min-jun", "east_sales", "director"),
  rep("rep", "Li Wei", "east_sales", "manager"),
  rep("wang.fang", "Wang Fang", "east_sales", "manager"),
  rep("xu.jing", "Xu Jing", "east_sales", "manager"),
  { ...rep("sun.hao", "Sun Hao", "east_sales", "manager"), leaves: { successor: "wang.fang" } },
  manager("zhao.gang", "Zhao Gang", "north_sales", "director"),
  rep("liu.qiang", "Liu Qiang", "north_sales", "zhao.gang"),
  rep("ma.lina", "Ma Lina", "north_sales", "zhao.gang"),
  rep("gao.peng", "Gao Peng", "north_sales", "zhao.gang"),
  manager("lin.xiaoling", "Lin Xiaoling", "south_sales", "huang.lei"),
  rep("chen.xiaoyu", "Chen Xiaoyu", "south_sales", "lin.xiaoling"),
  rep("luo.jie", "Luo Jie", "south_sales", "lin.xiaoling"),
  rep("deng.ying", "Deng Ying", "south_sales", "lin.xiaoling"),
  manager("hu.jun", "Hu Jun", "central_sales", "huang.lei"),
  rep("he.ming", "He Ming", "central_sales", "hu.jun"),
  rep("wu.tao", "Wu Tao", "central_sales", "hu.jun"),
  manager("yang.fan", "Yang Fan", "west_sales", "huang.lei"),
  rep("tang.lei", "Tang Lei", "west_sales", "yang.fan"),
  rep("feng.yu", "Feng Yu", "west_sales", "yang.fan"),
  manager("lee.seoyeon", "Lee Seo-yeon", "international_sales", "kim.taehyun"),
  rep("choi.jiwoo", "Choi Ji-woo", "international_sales", "lee.seoyeon"),
  rep("daniel.brooks", "Daniel Brooks", "international_sales", "lee.seoyeon"),
  rep("park.junho", "Park Jun-ho", "international_sales", "lee.seoyeon"),
  {
    username: "guo.hua",
    displayName: "Guo Hua",
    title: "Service director",
    roles: ["service_supervisor"],
    unit: "service",
    manager: "exec",
  },
  {
    username: "supervisor",
    displayName: "Xie Na",
    title: "Service center supervisor",
    roles: ["service_supervisor"],
    unit: "service_center",
    manager: "guo.hua",
  },
  agent("agent", "Liu Yang"),
  agent("zhu.li", "Zhu Li"),
  agent("han.bing", "Han Bing"),
  agent("yoon.jiho", "Yoon Ji-ho"),
  agent("peng.bo", "Peng Bo"),
  {
    username: "finance",
    displayName: "Sun Li",
    title: "Finance manager",
    roles: ["finance"],
    unit: "finance_dept",
    manager: "exec",
  },
  {
    username: "qian.wen",
    displayName: "Qian Wen",
    title: "Accounts receivable",
    roles: ["finance"],
    unit: "finance_dept",
    manager: "finance",
  },
];

function manager(username: string, displayName: string, unit: string, reportsTo: string): DemoPerson {
  return { username, displayName, title: "Sales manager", roles: ["sales_manager"], unit, manager: reportsTo };
}

/** The logins the demo shows first: one per kind of user of the reference CRM. */
export const demoLogins = ["admin", "exec", "vp", "director", "manager", "rep", "supervisor", "agent", "finance"];

/**
 * The demo's logins with their roles and places, one line each, for a banner.
 *
 * @example
 * demoLoginLines()[0]; // "admin       Zhang Yu         administrator  CRM administrator, IT & administration, reports to exec"
 */
export function demoLoginLines(): string[] {
  const unitName = new Map(demoUnits.map((u) => [u.code, u.name]));
  return demoLogins.map((username) => {
    const person = demoPeople.find((p) => p.username === username)!;
    const place = `${person.title}, ${unitName.get(person.unit)}${person.manager ? `, reports to ${person.manager}` : ""}`;
    return `${username.padEnd(11)} ${person.displayName.padEnd(16)} ${person.roles.join(", ").padEnd(19)} ${place}`;
  });
}
