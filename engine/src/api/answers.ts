/**
 * The shapes of API answers that clients read as they are: a record's
 * process (`GET /records/:entity/:id/process`), an approval task (`GET
 * /tasks`), an upcoming timer (`GET /timers`), a person (`GET /users`), a
 * notification (`GET /notifications`), a saved filter (`GET /saved-filters`),
 * a list's counts (`GET /records/:entity/stats`). Types only: importing this
 * module loads no engine code.
 *
 * @example
 * import type { ProcessView } from "@temper/engine/answers";
 * const view = (await (await fetch(`/api/v1/records/quote/${id}/process`)).json()) as ProcessView;
 */
export type { ProcessView } from "../runtime/process-view.ts";
export type { Task } from "../runtime/tasks.ts";
export type { UpcomingTimer } from "../runtime/upcoming-timers.ts";
export type { Notification } from "../notifications/inbox.ts";
export type { Person } from "../org/directory.ts";
export type { SavedFilter } from "../records/saved-filters.ts";
export type { Stats } from "../records/stats.ts";
