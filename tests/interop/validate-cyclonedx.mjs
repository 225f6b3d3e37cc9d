// Judges CycloneDX 1.6 JSON SBOMs with implementations BuildGuard does not share code with:
//  - the CycloneDX JavaScript library's JSON validator (the official 1.6 schema, with the SPDX
//    licence-id, JSF and cryptography sub-schemas registered under their $id);
//  - packageurl-js, which must parse every purl and give back the same purl;
//  - spdx-expression-parse, which must parse every licence expression;
//  - the checks the schema cannot make: bom-refs are unique, every dependency ref and dependsOn
//    entry names a bom-ref of the document, every component has a dependency entry.
//
// Usage: node validate-cyclonedx.mjs <sbom.cdx.json>...
// Prints "OK <file>" per valid file, or one line per problem; exits 1 when any file has a problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CDX = require('@cyclonedx/cyclonedx-library');
const { PackageURL } = require('packageurl-js');
const parseSpdx = require('spdx-expression-parse');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-cyclonedx.mjs <sbom.cdx.json>...');
  process.exit(2);
}

const validators = new Map();
function validatorFor(specVersion) {
  if (!validators.has(specVersion)) {
    const version = Object.values(CDX.Spec.Version).find(v => v === specVersion);
    if (version === undefined) {
      return undefined;
    }
    validators.set(specVersion, new CDX.Validation.JsonStrictValidator(version));
  }
  return validators.get(specVersion);
}

function* allComponents(bom) {
  const stack = [];
  if (bom.metadata?.component) {
    stack.push(['metadata.component', bom.metadata.component]);
  }
  (bom.components ?? []).forEach((c, i) => stack.push([`components[${i}]`, c]));
  while (stack.length > 0) {
    const [where, component] = stack.pop();
    yield [where, component];
    (component.components ?? []).forEach((c, i) => stack.push([`${where}.components[${i}]`, c]));
  }
}

function* allLicenses(bom) {
  for (const [where, component] of allComponents(bom)) {
    for (const [i, choice] of (component.licenses ?? []).entries()) {
      yield [`${where}.licenses[${i}]`, choice];
    }
  }
}

let failed = false;
for (const file of files) {
  const problems = [];
  let bom;
  try {
    bom = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`not JSON: ${e.message}`);
  }

  if (bom !== undefined) {
    if (bom.bomFormat !== 'CycloneDX') {
      problems.push(`bomFormat is ${JSON.stringify(bom.bomFormat)}, expected "CycloneDX"`);
    }
    const validator = validatorFor(bom.specVersion);
    if (validator === undefined) {
      problems.push(`unknown specVersion ${JSON.stringify(bom.specVersion)}`);
    } else {
      const errors = await validator.validate(JSON.stringify(bom));
      if (errors !== null) {
        problems.push(`schema: ${JSON.stringify(errors)}`);
      }
    }

    // bom-refs unique across the whole document.
    const refs = new Map();
    for (const [where, component] of allComponents(bom)) {
      const ref = component['bom-ref'];
      if (ref === undefined) {
        continue;
      }
      if (refs.has(ref)) {
        problems.push(`bom-ref ${ref} is used by ${refs.get(ref)} and ${where}`);
      }
      refs.set(ref, where);
    }

    // Every dependency names known refs; every component with a bom-ref is in the graph once.
    const seen = new Set();
    for (const [i, dependency] of (bom.dependencies ?? []).entries()) {
      if (!refs.has(dependency.ref)) {
        problems.push(`dependencies[${i}].ref ${dependency.ref} names no component`);
      }
      if (seen.has(dependency.ref)) {
        problems.push(`dependencies[${i}].ref ${dependency.ref} is listed twice`);
      }
      seen.add(dependency.ref);
      for (const target of dependency.dependsOn ?? []) {
        if (!refs.has(target)) {
          problems.push(`dependencies[${i}] (${dependency.ref}) dependsOn ${target}, which names no component`);
        }
      }
    }
    if (bom.dependencies !== undefined) {
      for (const [ref, where] of refs) {
        if (!seen.has(ref) && !where.includes('.components[')) {
          problems.push(`${where} (${ref}) has no entry in dependencies`);
        }
      }
    }

    // purls parse and round-trip.
    for (const [where, component] of allComponents(bom)) {
      if (component.purl === undefined) {
        continue;
      }
      try {
        const purl = PackageURL.fromString(component.purl);
        if (purl.toString() !== component.purl) {
          problems.push(`${where}.purl ${component.purl} is not canonical (packageurl-js writes ${purl.toString()})`);
        }
        if (component.name !== undefined && purl.type === 'nuget' && purl.name !== component.name) {
          problems.push(`${where}.purl ${component.purl} names ${purl.name}, the component is ${component.name}`);
        }
        if (component.version !== undefined && purl.version !== component.version) {
          problems.push(`${where}.purl ${component.purl} has version ${purl.version}, the component has ${component.version}`);
        }
      } catch (e) {
        problems.push(`${where}.purl ${component.purl} does not parse: ${e.message}`);
      }
    }

    // Licence expressions parse.
    for (const [where, choice] of allLicenses(bom)) {
      if (choice.expression !== undefined) {
        try {
          parseSpdx(choice.expression);
        } catch (e) {
          problems.push(`${where}.expression ${JSON.stringify(choice.expression)} is not an SPDX expression: ${e.message}`);
        }
      }
    }
  }

  if (problems.length === 0) {
    console.log(`OK ${file}`);
  } else {
    failed = true;
    for (const problem of problems) {
      console.log(`${file}: ${problem}`);
    }
  }
}

process.exit(failed ? 1 : 0);
