// Validates ADF documents against @atlaskit/adf-schema's JSON schema, as Jira Cloud would refuse them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";

const SCHEMA_PATH = fileURLToPath(
  new URL("../../node_modules/@atlaskit/adf-schema/dist/json-schema/v1/full.json", import.meta.url),
);
let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;
    // The schema declares draft-04, which Ajv 8 does not bundle; it uses nothing draft-04-only.
    delete schema.$schema;
    validate = new Ajv({ strict: false, allErrors: false }).compile(schema);
  }
  return validate;
}

/** Empty when valid; otherwise "<path> <message>" lines for the deepest failures. */
export function adfErrors(doc: unknown): string[] {
  const check = validator();
  if (check(doc)) return [];
  const errors = check.errors ?? [];
  const deepest = Math.max(...errors.map((e) => e.instancePath.length));
  return errors
    .filter((e) => e.instancePath.length === deepest)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
}
