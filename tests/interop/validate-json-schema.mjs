// Validates JSON documents against a JSON Schema (draft 2020-12) with Ajv, an implementation
// BuildGuard does not share code with. Strict mode: the schema itself must be valid and use no
// unknown keywords (union types allowed); formats (date-time, ...) are checked.
//
// Usage: node validate-json-schema.mjs <schema.json> <document.json>...
// Prints "OK <file>" per valid document, or one line per error; exits 1 when any is invalid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

const [schemaFile, ...files] = process.argv.slice(2);
if (schemaFile === undefined || files.length === 0) {
  console.error('usage: node validate-json-schema.mjs <schema.json> <document.json>...');
  process.exit(2);
}

// strictRequired is off: per-requirement figure names are required in if/then branches whose
// properties are declared once, in the shared figures definition.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

let failed = false;
for (const file of files) {
  let document;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    failed = true;
    continue;
  }
  if (validate(document)) {
    console.log(`OK ${file}`);
  } else {
    failed = true;
    for (const error of validate.errors) {
      console.log(`${file}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}

process.exit(failed ? 1 : 0);
