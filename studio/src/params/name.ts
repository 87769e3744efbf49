import type { ParamMatcher } from "@sveltejs/kit";

/** A definition name (lower snake_case), as entities are named. */
export const match: ParamMatcher = (param) => /^[a-z][a-z0-9_]{0,47}$/.test(param);
