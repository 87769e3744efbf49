import { describe, expect, it } from "vitest";
import { translator } from "./i18n";
import { definition } from "./testing";
import { workNavigation } from "./work-navigation";

describe("the navigation of the user's own work", () => {
  it("counts the tasks waiting in the inbox, and offers boards only when there are some", () => {
    const plain = definition();
    expect(workNavigation(plain, translator("en"), 0)).toEqual([
      { href: "/inbox", label: "Inbox" },
      { href: "/calendar", label: "Calendar" },
    ]);
    const withBoard = definition();
    withBoard.entities[0]!.views.boards.push({ name: "b", label: { en: "B" }, process: "p", card: { fields: [] } });
    expect(workNavigation(withBoard, translator("zh"), 3)).toEqual([
      { href: "/inbox", label: "待办审批", count: 3, countLabel: "3 项待办" },
      { href: "/calendar", label: "日历" },
      { href: "/boards", label: "看板" },
    ]);
  });
});
