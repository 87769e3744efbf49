import { EngineError } from "../../errors.ts";
import { entityOrThrow } from "../../records/service.ts";
import { fieldValues } from "./set-fields.ts";
import type { StepImplementation } from "./types.ts";

/** `create_record`: creates a record of another entity, owned by the process record's owner, and links it back. */
export const createRecord: StepImplementation = {
  type: "create_record",
  async run(params, context) {
    const entity = entityOrThrow(context.workspace.definition, String(params.entity));
    const input = {
      owner: context.record.owner,
      ...fieldValues(entity, params.fields as Record<string, unknown>, context),
    };
    let created;
    try {
      [created] = await context.records.write(entity.name, [{ kind: "create", input }]);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      throw new EngineError(
        "validation_failed",
        `the new ${entity.name} could not be created: ${error.message}`,
        error.details,
      );
    }
    if (created?.status !== "created") throw new EngineError("internal", `the new ${entity.name} was not written`);
    if (params.link) context.record[String(params.link)] = created.record.id;
  },
};
