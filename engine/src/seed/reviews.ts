import { annotationService } from "../records/annotations.ts";
import { addDays, atLocal, localDate, workingDays } from "./calendar.ts";
import { managerRemarks } from "./texts.ts";
import { person, type World } from "./world.ts";

/**
 * Plans the managers' Monday review of their team's visits and meetings of
 * the week before: they comment on most of them in the activity's
 * manager's annotation, and add a note (which tells the rep) to some. The
 * last week's visits are still waiting for review when the story ends.
 *
 * @example
 * planReviews(world);
 */
export function planReviews(world: World): void {
  const mondays = workingDays(addDays(localDate(world.start), 7), localDate(world.end)).filter(
    (d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1,
  );
  for (const monday of mondays)
    world.agenda.at(atLocal(monday, 10 + world.random.float(0, 1.5)), "activity.review", async () => {
      for (const [manager, ids] of world.toReview) await review(world, manager, ids.splice(0));
    });
}

async function review(world: World, username: string, ids: string[]): Promise<void> {
  const { random } = world;
  if (ids.length === 0 || !world.active.has(username)) return;
  const manager = person(world, username);
  const chosen = random.sample(ids, Math.ceil(ids.length * 0.65));
  await world.records.batch(manager, async (batch) => {
    const activities = await batch.find("activity", "id", chosen);
    const results = await batch.write(
      "activity",
      activities.map((before) => ({
        kind: "update" as const,
        before,
        input: { manager_annotation: random.pick(managerRemarks) },
      })),
    );
    const refused = results.find((r) => r.status === "rejected");
    if (refused?.status === "rejected") throw refused.error;
  });
  const notes = annotationService(world.storage, world.context);
  for (const id of random.sample(ids, Math.ceil(ids.length * 0.15)))
    await notes.add(manager, "activity", id, random.pick(managerRemarks));
}
