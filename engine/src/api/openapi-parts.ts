/** Pieces every OpenAPI path of the API shares. */
export const problem = { $ref: "#/components/schemas/Problem" };

/** The problem+json responses of the given statuses. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "A problem", content: { "application/problem+json": { schema: problem } } },
    ]),
  );

/** A JSON body or response of a schema. */
export const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
