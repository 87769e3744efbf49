/**
 * The shapes of API answers that clients read as they are: a record's
 * process (`GET /records/:entity/:id/process`), an approval task (`GET
 * /tasks`), an upcoming timer (`GET /timers`). Types only: importing this
 * module loads no engine code.
 *
 * @example
 * import type { ProcessView } from "@temper/engine/answers";
 * const view = (await (await fetch(`/api/v1/records/quote/${id}/process`)).json()) as ProcessView;
 */
export type { ProcessView } from "../runtime/process-view.ts";
export type { Task } from "../runtime/tasks.ts";
export type { UpcomingTimer } from "../runtime/upcoming-timers.ts";
