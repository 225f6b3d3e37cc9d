// Independent verification of BuildGuard's Sigstore bundles with sigstore-js (@sigstore/bundle
// and @sigstore/verify), offline, for keyed bundles:
//
//   node verify-sigstore.mjs <public-key.pem> <bundle.sigstore.json>...
//
// For each bundle: @sigstore/bundle parses and validates it as a v0.3 bundle; its own JSON
// serialization must equal the file's JSON (same members, same order: the protobuf JSON mapping);
// @sigstore/verify checks the signature with trust material made only of the given public key
// (no transparency log, no CT log, no timestamp authority; thresholds 0). The library does not
// check what a DSSE payload says or that a message digest belongs to a file, so this script adds
// those checks itself: payload type, in-toto Statement v1, every subject's SHA-256 against the
// file beside the bundle, the DSSE keyid equal to the bundle's key hint, and for a message
// signature the digest of the file beside it.
//
// Prints one JSON line per bundle ({bundle, ok, error}) and exits 0 only when all verified.

import { createHash } from 'node:crypto';
import crypto from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { bundleFromJSON, bundleToJSON } = require('@sigstore/bundle');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');

const [keyPath, ...bundlePaths] = process.argv.slice(2);
if (!keyPath || bundlePaths.length === 0) {
  console.error('usage: node verify-sigstore.mjs <public-key.pem> <bundle.sigstore.json>...');
  process.exit(2);
}

const publicKey = crypto.createPublicKey(readFileSync(keyPath, 'utf8'));
// cosign's key hint: base64 of the SHA-256 of the DER SubjectPublicKeyInfo.
const expectedHint = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

const trustMaterial = toTrustMaterial(
  { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] },
  (hint) => {
    if (hint !== expectedHint) {
      throw new Error(`bundle names key hint ${hint}, the trusted key's hint is ${expectedHint}`);
    }
    return { publicKey, validFor: () => true };
  });
const verifier = new Verifier(trustMaterial, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let failures = 0;
for (const bundlePath of bundlePaths) {
  try {
    const json = JSON.parse(readFileSync(bundlePath, 'utf8'));
    const bundle = bundleFromJSON(json);
    const reserialized = JSON.stringify(bundleToJSON(bundle));
    if (reserialized !== JSON.stringify(json)) {
      throw new Error(`the bundle is not in the protobuf JSON mapping sigstore-js writes:\n  file:      ${JSON.stringify(json)}\n  canonical: ${reserialized}`);
    }

    const folder = path.dirname(bundlePath);
    let artifact;
    if (bundle.content.$case === 'messageSignature') {
      const artifactPath = bundlePath.replace(/\.sigstore\.json$/, '');
      artifact = readFileSync(artifactPath);
      const digest = Buffer.from(bundle.content.messageSignature.messageDigest.digest).toString('hex');
      if (digest !== sha256(artifact)) {
        throw new Error(`messageDigest ${digest} is not the SHA-256 of ${path.basename(artifactPath)}`);
      }
    }

    verifier.verify(toSignedEntity(bundle, artifact));

    if (bundle.content.$case === 'dsseEnvelope') {
      const envelope = bundle.content.dsseEnvelope;
      if (envelope.payloadType !== 'application/vnd.in-toto+json') {
        throw new Error(`payloadType ${envelope.payloadType}`);
      }
      if (envelope.signatures[0].keyid !== bundle.verificationMaterial.content.publicKey.hint) {
        throw new Error('the DSSE keyid differs from the bundle key hint');
      }
      const statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
      if (statement._type !== 'https://in-toto.io/Statement/v1') {
        throw new Error(`_type ${statement._type}`);
      }
      if (!Array.isArray(statement.subject) || statement.subject.length === 0) {
        throw new Error('no subject');
      }
      for (const subject of statement.subject) {
        const file = path.join(folder, subject.name);
        if (!existsSync(file)) {
          throw new Error(`subject ${subject.name} is missing`);
        }
        if (subject.digest.sha256 !== sha256(readFileSync(file))) {
          throw new Error(`subject ${subject.name} does not match its sha256`);
        }
      }
    }

    console.log(JSON.stringify({ bundle: bundlePath, ok: true }));
  } catch (error) {
    failures++;
    console.log(JSON.stringify({ bundle: bundlePath, ok: false, error: String(error && error.message ? error.message : error) }));
  }
}

process.exit(failures === 0 ? 0 : 1);
