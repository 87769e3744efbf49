import { handOver } from "../users/handover.ts";
import { atLocal, daysAfter, inOfficeHours, localDate } from "./calendar.ts";
import { demoPeople } from "./org-chart.ts";
import { person, type World } from "./world.ts";

/**
 * Plans the departure of the reps who leave the company during the story,
 * `daysBeforeEnd` before its end (or half-way through a shorter story): the
 * administrator hands everything they own over to their successor (who then
 * works it) and they are deactivated, so that lead assignment passes them
 * over from then on.
 *
 * @example
 * planDepartures(world, 40);
 */
export function planDepartures(world: World, daysBeforeEnd: number): void {
  for (const leaver of demoPeople.filter((p) => p.leaves)) {
    const halfway = (world.end.getTime() - world.start.getTime()) / 2;
    const when = Math.max(daysAfter(world.end, -daysBeforeEnd).getTime(), world.start.getTime() + halfway);
    const day = localDate(inOfficeHours(new Date(when)));
    world.agenda.at(atLocal(day, 16.5), "user.handover", async () => {
      const from = person(world, leaver.username);
      const to = person(world, leaver.leaves!.successor);
      await handOver(world.storage, world.context, {
        from: leaver.username,
        to: leaver.leaves!.successor,
        actorId: person(world, "admin").id,
      });
      world.active.delete(leaver.username);
      for (const [record, owner] of world.owners) if (owner === from.id) world.owners.set(record, to.id);
    });
  }
}
