import { error, redirect } from "@sveltejs/kit";
import { entityOrThrow } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

/** `/boards/<entity>`: the entity's first board. */
export const load: PageServerLoad = async (event) => {
  const entity = await entityOrThrow(event, event.params.entity);
  const board = entity.views.boards[0];
  if (!board) error(404, `${entity.name} has no board`);
  redirect(307, `/boards/${entity.name}/${board.name}`);
};
