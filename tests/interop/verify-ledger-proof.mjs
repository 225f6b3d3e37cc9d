// Checks a `buildguard ledger prove --json` proof with Node's own crypto, sharing no code with
// BuildGuard: the leaf hash is SHA-256(0x00 || entry), the RFC 9162 2.1.3.2 algorithm leads from
// it along the audit path to the checkpoint's root hash, and the checkpoint is a c2sp.org
// signed note whose signature line (type 0x02 ECDSA convention: key ID = SHA-256(SPKI DER)[:4],
// DER ECDSA P-256 signature over SHA-256 of the note text) verifies with the given public key.
//
// Usage: node verify-ledger-proof.mjs <public-key.pem> <proof.json>
// Prints "OK" or the first problem; exits 0 or 1.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

const [keyFile, proofFile] = process.argv.slice(2);
const key = createPublicKey(readFileSync(keyFile, 'utf8'));
const proof = JSON.parse(readFileSync(proofFile, 'utf8'));
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const fail = message => { console.log(message); process.exit(1); };

const leaf = sha256(Buffer.from([0]), Buffer.from(proof.entry, 'utf8'));
if (!leaf.equals(Buffer.from(proof.leafHash, 'base64'))) fail('leaf hash differs from SHA-256(0x00 || entry)');
if (!JSON.parse(proof.entry).artifacts.concat(JSON.parse(proof.entry).bundles).some(a => a.sha256 === proof.sha256)) fail('the entry does not name the artifact digest');

let fn = BigInt(proof.leafIndex);
let sn = BigInt(proof.treeSize) - 1n;
let r = leaf;
for (const p64 of proof.inclusionProof) {
  const p = Buffer.from(p64, 'base64');
  if (sn === 0n) fail('audit path too long');
  if ((fn & 1n) === 1n || fn === sn) {
    r = sha256(Buffer.from([1]), p, r);
    if ((fn & 1n) === 0n) { while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; } }
  } else {
    r = sha256(Buffer.from([1]), r, p);
  }
  fn >>= 1n; sn >>= 1n;
}
if (sn !== 0n) fail('audit path too short');
if (!r.equals(Buffer.from(proof.rootHash, 'base64'))) fail('audit path does not lead to the root hash');

const note = proof.checkpoint;
const split = note.lastIndexOf('\n\n');
const text = note.slice(0, split + 1);
const [origin, size, root] = text.split('\n');
if (size !== String(proof.treeSize) || root !== proof.rootHash) fail('checkpoint does not state this tree');
const spki = key.export({ type: 'spki', format: 'der' });
const keyId = sha256(spki).subarray(0, 4);
const lines = note.slice(split + 2).split('\n').filter(l => l.length > 0);
const ours = lines.map(l => l.match(/^\u2014 (\S+) (\S+)$/)).filter(m => m && m[1] === origin)
  .map(m => Buffer.from(m[2], 'base64')).filter(b => b.subarray(0, 4).equals(keyId));
if (ours.length === 0) fail('no signature line with the origin as key name and the key ID of this key');
if (!verify('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'der' }, ours[0].subarray(4))) fail('checkpoint signature does not verify');
console.log('OK');
