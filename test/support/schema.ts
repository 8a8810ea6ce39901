/** Validates output against schema/report-audit.schema.json (JSON Schema 2020-12). */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMA } from './paths.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);

/** Returns the schema errors as text, empty when valid. */
export function schemaErrors(audit: unknown): string {
  return validate(audit) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}
