import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { formatTypesPath, generateFormatTypes } from "../src/definitions/format-types.ts";
import { renderFormatReference } from "../src/definitions/format-docs.ts";

const referencePath = fileURLToPath(new URL("../../docs/definition-format.md", import.meta.url));
await writeFile(formatTypesPath, await generateFormatTypes());
await writeFile(referencePath, renderFormatReference());
console.log(`wrote ${formatTypesPath}\nwrote ${referencePath}`);
