import { dayDate, isDay, knownZone, zonedDay } from "$lib/calendar/days";
import { calendarSpan, firstDayOfWeek, type CalendarView } from "$lib/calendar/grid";
import { type CalendarItem, itemsByDay, placeDay, visibleHours } from "$lib/calendar/layout";
import { labelOf, type MessageKey, translator } from "$lib/i18n";
import { readApi } from "$lib/server/api";
import { visibleDefinition } from "$lib/server/workspace";
import type { RecordData, RecordPage, UpcomingTimer } from "$lib/types";
import type { PageServerLoad, RequestEvent } from "./$types";

/** The entity of people's schedules, and the fields it is placed by. */
const schedule = { entity: "schedule_item", start: "starts_at", end: "ends_at", person: "assignee" };
/** Items a month cell shows before "+N more". */
const perCell = 3;

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

/** Every record of a list query, page after page (a few pages at most: a month of one person's schedule). */
async function allRecords(event: Event, path: string, query: URLSearchParams): Promise<RecordData[]> {
  const records: RecordData[] = [];
  for (let page = 0; page < 5; page++) {
    const answer = await readApi<RecordPage>(event, `${path}?${query}`);
    records.push(...answer.records);
    if (!answer.nextCursor) break;
    query.set("cursor", answer.nextCursor);
  }
  return records;
}

export const load: PageServerLoad = async (event) => {
  const [definition, layout] = await Promise.all([visibleDefinition(event), event.parent()]);
  const { app } = definition;
  const locale = layout.locale;
  const t = translator(locale);
  const label = (text: Record<string, string> | null | undefined) => labelOf(text ?? undefined, locale, app.locales);
  const zone = knownZone(app.timezone);
  const today = zonedDay(new Date(), zone);
  const view: CalendarView = event.url.searchParams.get("view") === "week" ? "week" : "month";
  const asked = event.url.searchParams.get("date");
  const anchor = isDay(asked) ? asked : today;
  const firstDay = firstDayOfWeek(locale);
  const span = calendarSpan(view, anchor, firstDay, zone);
  const range = { from: span.from.toISOString(), to: span.to.toISOString() };

  const entity = definition.entities.find((e) => e.name === schedule.entity);
  const placed = entity && [schedule.start, schedule.person].every((f) => entity.fields.some((x) => x.name === f));
  const hasEnd = entity?.fields.some((f) => f.name === schedule.end) ?? false;
  const mine = { [`${schedule.person}.eq`]: layout.user.id, sort: schedule.start, limit: "200" };
  const entities = new Map(definition.entities.map((e) => [e.name, e]));
  const [starting, ongoing, timers] = await Promise.all([
    placed
      ? allRecords(
          event,
          `/records/${schedule.entity}`,
          new URLSearchParams({ ...mine, [`${schedule.start}.gte`]: range.from, [`${schedule.start}.lt`]: range.to }),
        )
      : [],
    // Items that began before the view and go on into it.
    placed && hasEnd
      ? allRecords(
          event,
          `/records/${schedule.entity}`,
          new URLSearchParams({ ...mine, [`${schedule.start}.lt`]: range.from, [`${schedule.end}.gt`]: range.from }),
        )
      : [],
    readApi<{ timers: UpcomingTimer[] }>(event, `/timers?${new URLSearchParams(range)}`).then((r) => r.timers),
  ]);

  const kinds = entity?.fields.find((f) => f.name === "kind")?.options ?? [];
  const items: Array<CalendarItem & { tone: string; done: boolean }> = [
    ...[...ongoing, ...starting].map((record) => {
      const kind = kinds.find((o) => o.value === record.kind);
      return {
        id: record.id,
        kind: "schedule" as const,
        start: String(record[schedule.start]),
        end: typeof record[schedule.end] === "string" ? String(record[schedule.end]) : null,
        title: String(record[entity!.titleField] ?? "") || t("value.untitled"),
        detail: kind ? label(kind.label) : "",
        href: `/${schedule.entity}/${record.id}`,
        tone: typeof record.kind === "string" ? record.kind : "task",
        done: record.done === true,
      };
    }),
    ...timers.map((timer) => {
      const record = timer.title ?? t("value.untitled");
      const detail =
        timer.kind === "reminder" && timer.message
          ? label(timer.message)
          : timer.kind === "after"
            ? timer.target
              ? t("calendar.timer.after", { from: label(timer.stateLabel), to: label(timer.targetLabel) })
              : t("calendar.timer.stays", { state: label(timer.stateLabel) })
            : t(`calendar.timer.${timer.then ?? "escalate"}` as MessageKey, { level: label(timer.levelLabel) });
      const entityLabel = label(entities.get(timer.entity)?.label);
      return {
        id: timer.id,
        kind: "timer" as const,
        start: timer.dueAt,
        end: null,
        title: entityLabel ? `${entityLabel} ${record}` : record,
        detail,
        href: `/${timer.entity}/${timer.recordId}`,
        tone: timer.kind,
        done: false,
      };
    }),
  ];

  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: zone });
  const shown = (item: (typeof items)[number]) => ({
    id: item.id,
    kind: item.kind,
    tone: item.tone,
    done: item.done,
    title: item.title,
    detail: item.detail,
    href: item.href,
    time: time.format(new Date(item.start)),
  });
  const days = span.weeks.flat();
  const byDay = itemsByDay(items, days, zone);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const dayLong = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" });
  const monthTitle = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  const rangeTitle = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const href = (changes: { view?: CalendarView; date?: string }) =>
    `/calendar?${new URLSearchParams({ view: changes.view ?? view, date: changes.date ?? anchor })}`;

  const placedDays = view === "week" ? days.map((day) => placeDay(byDay.get(day)!, day, zone)) : [];
  const hours = visibleHours(placedDays.flat());
  const hour = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" });
  const weekend = new Set([0, 6]);
  return {
    view,
    title:
      view === "month"
        ? monthTitle.format(dayDate(anchor))
        : rangeTitle.formatRange(dayDate(days[0]!), dayDate(days.at(-1)!)),
    zone,
    weekdays: span.weeks[0]!.map((day) => ({ day, short: weekday.format(dayDate(day)) })),
    weeks: span.weeks.map((week) =>
      week.map((day) => {
        const list = byDay.get(day)!;
        return {
          day,
          number: String(Number(day.slice(8))),
          label: dayLong.format(dayDate(day)),
          inMonth: view === "week" || day.slice(0, 7) === anchor.slice(0, 7),
          today: day === today,
          weekend: weekend.has(dayDate(day).getUTCDay()),
          items: list.slice(0, perCell).map(shown),
          more: Math.max(0, list.length - perCell),
          count: list.length,
          weekHref: href({ view: "week", date: day }),
        };
      }),
    ),
    week:
      view === "week"
        ? {
            hours,
            hourLabels: Array.from({ length: hours.last - hours.first }, (_, i) =>
              hour.format(Date.UTC(2000, 0, 1, hours.first + i)),
            ),
            days: days.map((day, i) => ({
              day,
              placed: placedDays[i]!.map((p) => ({
                ...shown(p.item),
                top: p.top,
                bottom: p.bottom,
                lane: p.lane,
                lanes: p.lanes,
              })),
            })),
          }
        : null,
    empty: items.length === 0,
    links: {
      previous: href({ date: span.previous }),
      next: href({ date: span.next }),
      today: href({ date: today }),
      month: href({ view: "month" }),
      week: href({ view: "week" }),
    },
    canCreate: entity?.access.create ?? false,
    newHref: `/${schedule.entity}/new`,
  };
};
