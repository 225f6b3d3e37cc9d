// Judges SPDX 2.3 JSON documents. No validator of the SPDX JSON schema is served on npm here, so this
// checks what the SPDX 2.3 specification makes mandatory and the value formats it prescribes
// (clauses 6 to 11), with implementations BuildGuard does not share code with where there are any:
//  - spdx-expression-parse (with the SPDX licence and exception lists) must parse every
//    licenseConcluded / licenseDeclared that is not NONE or NOASSERTION;
//  - packageurl-js must parse every purl external reference and give back the same purl;
//  - and the document's own consistency: unique SPDXIDs, every relationship and documentDescribes
//    entry names an element of the document, every LicenseRef used is defined once.
//
// Usage: node validate-spdx.mjs <sbom.spdx.json>...
// Prints "OK <file>" per valid file, or one line per problem; exits 1 when any file has a problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { PackageURL } = require('packageurl-js');
const parseSpdx = require('spdx-expression-parse');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-spdx.mjs <sbom.spdx.json>...');
  process.exit(2);
}

// SPDX 2.3 clause 7.10 (checksum algorithms, with the hex length of each where fixed).
const checksumLengths = {
  SHA1: 40, SHA224: 56, SHA256: 64, SHA384: 96, SHA512: 128, 'SHA3-256': 64, 'SHA3-384': 96, 'SHA3-512': 128,
  'BLAKE2b-256': 64, 'BLAKE2b-384': 96, 'BLAKE2b-512': 128, BLAKE3: undefined, MD2: 32, MD4: 32, MD5: 32, MD6: undefined, ADLER32: 8,
};
// Clause 11.1 relationship types.
const relationshipTypes = new Set([
  'DESCRIBES', 'DESCRIBED_BY', 'CONTAINS', 'CONTAINED_BY', 'DEPENDS_ON', 'DEPENDENCY_OF', 'DEPENDENCY_MANIFEST_OF',
  'BUILD_DEPENDENCY_OF', 'DEV_DEPENDENCY_OF', 'OPTIONAL_DEPENDENCY_OF', 'PROVIDED_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF', 'EXAMPLE_OF', 'GENERATES', 'GENERATED_FROM', 'ANCESTOR_OF', 'DESCENDANT_OF', 'VARIANT_OF',
  'DISTRIBUTION_ARTIFACT', 'PATCH_FOR', 'PATCH_APPLIED', 'COPY_OF', 'FILE_ADDED', 'FILE_DELETED', 'FILE_MODIFIED',
  'EXPANDED_FROM_ARCHIVE', 'DYNAMIC_LINK', 'STATIC_LINK', 'DATA_FILE_OF', 'TEST_CASE_OF', 'BUILD_TOOL_OF',
  'DEV_TOOL_OF', 'TEST_OF', 'TEST_TOOL_OF', 'DOCUMENTATION_OF', 'OPTIONAL_COMPONENT_OF', 'METAFILE_OF', 'PACKAGE_OF',
  'AMENDS', 'PREREQUISITE_FOR', 'HAS_PREREQUISITE', 'REQUIREMENT_DESCRIPTION_FOR', 'SPECIFICATION_FOR', 'OTHER',
]);
// Clause 7.24 primary package purposes; 7.21 external reference categories.
const purposes = new Set(['APPLICATION', 'FRAMEWORK', 'LIBRARY', 'CONTAINER', 'OPERATING-SYSTEM', 'DEVICE', 'FIRMWARE', 'SOURCE', 'ARCHIVE', 'FILE', 'INSTALL', 'OTHER']);
const referenceCategories = new Set(['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER']);
const spdxId = /^SPDXRef-[A-Za-z0-9.-]+$/;
const licenseRef = /^LicenseRef-[A-Za-z0-9.-]+$/;
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function isNonEmptyString(value) {
  return typeof value === 'string' && value.length > 0;
}

function checkLicense(where, value, usedRefs, problems) {
  if (!isNonEmptyString(value)) {
    problems.push(`${where}: missing`);
    return;
  }
  if (value === 'NONE' || value === 'NOASSERTION') {
    return;
  }
  let parsed;
  try {
    parsed = parseSpdx(value);
  } catch (e) {
    problems.push(`${where}: '${value}' is not an SPDX licence expression: ${e.message}`);
    return;
  }
  const stack = [parsed];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.license !== undefined && node.license.startsWith('LicenseRef-')) {
      usedRefs.add(node.license);
    }
    if (node.left) stack.push(node.left);
    if (node.right) stack.push(node.right);
  }
}

function checkDocument(doc) {
  const problems = [];
  if (doc.spdxVersion !== 'SPDX-2.3') problems.push(`spdxVersion is ${JSON.stringify(doc.spdxVersion)}, expected "SPDX-2.3"`);
  if (doc.dataLicense !== 'CC0-1.0') problems.push('dataLicense must be "CC0-1.0" (clause 6.2)');
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') problems.push('SPDXID must be "SPDXRef-DOCUMENT" (clause 6.3)');
  if (!isNonEmptyString(doc.name)) problems.push('name is missing (clause 6.4)');
  try {
    const ns = new URL(doc.documentNamespace);
    if (ns.hash !== '' || doc.documentNamespace.includes('#')) problems.push('documentNamespace must not contain "#" (clause 6.5)');
  } catch {
    problems.push(`documentNamespace ${JSON.stringify(doc.documentNamespace)} is not an absolute URI (clause 6.5)`);
  }
  const info = doc.creationInfo ?? {};
  if (!timestamp.test(info.created ?? '')) problems.push(`creationInfo.created ${JSON.stringify(info.created)} is not YYYY-MM-DDThh:mm:ssZ (clause 6.9)`);
  if (!Array.isArray(info.creators) || info.creators.length === 0) {
    problems.push('creationInfo.creators is empty (clause 6.8)');
  } else {
    for (const creator of info.creators) {
      if (!/^(Person|Organization|Tool): .+/.test(creator)) problems.push(`creator ${JSON.stringify(creator)} is not "Person: ", "Organization: " or "Tool: " (clause 6.8)`);
    }
  }

  const ids = new Set(['SPDXRef-DOCUMENT']);
  const usedRefs = new Set();
  for (const [i, pkg] of (doc.packages ?? []).entries()) {
    const where = `packages[${i}] (${pkg.name})`;
    if (!spdxId.test(pkg.SPDXID ?? '')) problems.push(`${where}: SPDXID ${JSON.stringify(pkg.SPDXID)} is not SPDXRef-[idstring] (clause 7.2)`);
    if (ids.has(pkg.SPDXID)) problems.push(`${where}: SPDXID ${pkg.SPDXID} is not unique`);
    ids.add(pkg.SPDXID);
    if (!isNonEmptyString(pkg.name)) problems.push(`${where}: name is missing (clause 7.1)`);
    if (!isNonEmptyString(pkg.downloadLocation)) {
      problems.push(`${where}: downloadLocation is missing (clause 7.7)`);
    } else if (pkg.downloadLocation !== 'NONE' && pkg.downloadLocation !== 'NOASSERTION') {
      try { new URL(pkg.downloadLocation.replace(/^git\+/, '')); } catch { problems.push(`${where}: downloadLocation is not NONE, NOASSERTION or a URL`); }
    }
    if (pkg.filesAnalyzed === true && pkg.packageVerificationCode === undefined) problems.push(`${where}: filesAnalyzed without packageVerificationCode (clause 7.9)`);
    if (pkg.supplier !== undefined && pkg.supplier !== 'NOASSERTION' && !/^(Person|Organization): .+/.test(pkg.supplier)) problems.push(`${where}: supplier ${JSON.stringify(pkg.supplier)} (clause 7.5)`);
    for (const checksum of pkg.checksums ?? []) {
      if (!(checksum.algorithm in checksumLengths)) {
        problems.push(`${where}: checksum algorithm ${JSON.stringify(checksum.algorithm)} is not an SPDX 2.3 algorithm (clause 7.10)`);
      } else if (!/^[0-9a-f]+$/.test(checksum.checksumValue ?? '') || (checksumLengths[checksum.algorithm] !== undefined && checksum.checksumValue.length !== checksumLengths[checksum.algorithm])) {
        problems.push(`${where}: ${checksum.algorithm} value ${JSON.stringify(checksum.checksumValue)} is not lower-case hex of the right length`);
      }
    }
    checkLicense(`${where}.licenseConcluded`, pkg.licenseConcluded, usedRefs, problems);
    checkLicense(`${where}.licenseDeclared`, pkg.licenseDeclared, usedRefs, problems);
    if (!isNonEmptyString(pkg.copyrightText)) problems.push(`${where}: copyrightText is missing (clause 7.17)`);
    if (pkg.primaryPackagePurpose !== undefined && !purposes.has(pkg.primaryPackagePurpose)) problems.push(`${where}: primaryPackagePurpose ${JSON.stringify(pkg.primaryPackagePurpose)} (clause 7.24)`);
    for (const ref of pkg.externalRefs ?? []) {
      if (!referenceCategories.has(ref.referenceCategory)) problems.push(`${where}: referenceCategory ${JSON.stringify(ref.referenceCategory)} (clause 7.21)`);
      if (ref.referenceType === 'purl') {
        try {
          const purl = PackageURL.fromString(ref.referenceLocator);
          if (purl.toString() !== ref.referenceLocator) problems.push(`${where}: purl ${ref.referenceLocator} is not canonical (packageurl-js gives ${purl.toString()})`);
        } catch (e) {
          problems.push(`${where}: purl ${JSON.stringify(ref.referenceLocator)} does not parse: ${e.message}`);
        }
      }
    }
  }

  const defined = new Set();
  for (const [i, extracted] of (doc.hasExtractedLicensingInfos ?? []).entries()) {
    if (!licenseRef.test(extracted.licenseId ?? '')) problems.push(`hasExtractedLicensingInfos[${i}]: licenseId ${JSON.stringify(extracted.licenseId)} is not LicenseRef-[idstring] (clause 10.1)`);
    if (defined.has(extracted.licenseId)) problems.push(`hasExtractedLicensingInfos[${i}]: ${extracted.licenseId} defined twice`);
    defined.add(extracted.licenseId);
    if (!isNonEmptyString(extracted.extractedText)) problems.push(`hasExtractedLicensingInfos[${i}]: extractedText is missing (clause 10.2)`);
  }
  for (const ref of usedRefs) {
    if (!defined.has(ref)) problems.push(`${ref} is used but not defined in hasExtractedLicensingInfos (clause 10.1)`);
  }

  for (const id of doc.documentDescribes ?? []) {
    if (!ids.has(id)) problems.push(`documentDescribes names ${id}, which is not in the document`);
  }
  for (const [i, rel] of (doc.relationships ?? []).entries()) {
    if (!relationshipTypes.has(rel.relationshipType)) problems.push(`relationships[${i}]: type ${JSON.stringify(rel.relationshipType)} is not an SPDX 2.3 type (clause 11.1)`);
    for (const end of [rel.spdxElementId, rel.relatedSpdxElement]) {
      if (!ids.has(end) && end !== 'NONE' && end !== 'NOASSERTION') problems.push(`relationships[${i}]: ${end} is not an element of the document`);
    }
  }
  return problems;
}

let failed = false;
for (const file of files) {
  let problems;
  try {
    problems = checkDocument(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    problems = [`not JSON: ${e.message}`];
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
