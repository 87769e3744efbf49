import { writeFile } from "node:fs/promises";
import { formatTypesPath, generateFormatTypes } from "../src/definitions/format-types.ts";

await writeFile(formatTypesPath, await generateFormatTypes());
console.log(`wrote ${formatTypesPath}`);
