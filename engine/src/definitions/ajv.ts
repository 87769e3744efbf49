import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * Creates an Ajv instance set up the way Temper validates: draft 2020-12,
 * strict, every error, formats, and `discriminator` for tagged unions. It
 * imports nothing of the server, so that a browser checks a record's input
 * against the same schema, the same way, as the engine.
 *
 * @example
 * const ajv = createAjv();
 * ajv.validate({ type: "string", format: "email" }, "a@b.co"); // true
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `not: {required: [...]}` names properties that other branches declare.
    strictRequired: false,
    discriminator: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats(ajv);
  return ajv;
}
