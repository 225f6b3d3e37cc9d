using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the cryptography rules (QLB1100–1199).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor WeakHash = DescriptorFactory.Create(
        DiagnosticIds.WeakHash,
        title: "Do not use a broken hash algorithm",
        messageFormat: "{0} is a broken hash algorithm (collisions are practical); use SHA-256 or stronger",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "MD5, SHA-1 and RIPEMD-160 no longer resist collision attacks. Signatures, integrity checks, "
            + "password hashes and keyed MACs built on them can be forged. Use SHA-256 (or SHA-384/512, "
            + "HMAC-SHA256) instead.",
        cwe: "CWE-328");

    public static readonly DiagnosticDescriptor BrokenCipher = DescriptorFactory.Create(
        DiagnosticIds.BrokenCipher,
        title: "Do not use a broken cipher",
        messageFormat: "{0} is a broken cipher; use AES (Aes.Create() or AesGcm) with a 128- or 256-bit key",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "DES has a 56-bit key, TripleDES a 64-bit block (Sweet32) and RC2 is broken; Rijndael with a block size other than 128 bits is not AES and not standardised. Use AES, preferably in an authenticated mode (AesGcm).",
        cwe: "CWE-327");

    public static readonly DiagnosticDescriptor EcbMode = DescriptorFactory.Create(
        DiagnosticIds.EcbMode,
        title: "Do not use ECB mode",
        messageFormat: "ECB mode encrypts equal blocks to equal ciphertext and leaks the plaintext's structure; use AesGcm, or CBC with a random IV and a MAC",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Electronic codebook mode encrypts each block independently, so patterns in the plaintext survive encryption and blocks can be cut, reordered and replayed.",
        cwe: "CWE-327");

    public static readonly DiagnosticDescriptor UnauthenticatedCbc = DescriptorFactory.Create(
        DiagnosticIds.UnauthenticatedCbc,
        title: "Do not decrypt CBC ciphertext without checking its integrity",
        messageFormat: "CBC decryption of {0} without an integrity check allows padding-oracle attacks; use AesGcm, or verify an HMAC over IV and ciphertext before decrypting",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "CBC with PKCS#7 padding and no MAC lets an attacker who can submit ciphertexts and observe failures decrypt them (padding oracle) and flip plaintext bits. Authenticate the ciphertext (AesGcm, or encrypt-then-MAC) and check the tag before decrypting.",
        cwe: "CWE-353");

    public static readonly DiagnosticDescriptor WeakRsaKey = DescriptorFactory.Create(
        DiagnosticIds.WeakRsaKey,
        title: "Use RSA keys of at least 2048 bits",
        messageFormat: "RSA key of {0} bits is too short; use at least 2048 bits (3072 for protection beyond 2030)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "RSA keys below 2048 bits are within reach of factoring (512-bit keys are factored in hours, 1024-bit keys are deprecated by NIST since 2013).",
        cwe: "CWE-326");

    public static readonly DiagnosticDescriptor Dsa = DescriptorFactory.Create(
        DiagnosticIds.Dsa,
        title: "Do not use DSA",
        messageFormat: "DSA is withdrawn for new signatures (FIPS 186-5); use ECDsa (P-256 or stronger) or RSA with at least 2048 bits",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "DSA is limited to 1024-bit keys in most implementations, leaks the key on any nonce reuse and was removed from FIPS 186-5 for signature generation.",
        cwe: "CWE-327");

    public static readonly DiagnosticDescriptor RsaPkcs1Encryption = DescriptorFactory.Create(
        DiagnosticIds.RsaPkcs1Encryption,
        title: "Do not use PKCS#1 v1.5 padding for RSA encryption",
        messageFormat: "RSA encryption with PKCS#1 v1.5 padding is open to padding-oracle (Bleichenbacher) attacks; use RSAEncryptionPadding.OaepSHA256",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "PKCS#1 v1.5 encryption padding lets an attacker who observes decryption failures decrypt messages (Bleichenbacher, ROBOT). OAEP does not have this weakness.",
        cwe: "CWE-780");

    public static readonly DiagnosticDescriptor HardcodedKey = DescriptorFactory.Create(
        DiagnosticIds.HardcodedKey,
        title: "Do not hard-code cryptographic keys",
        messageFormat: "The {0} comes from {1}: a key in the code is known to everyone who has the binary; load it from a key store or generate it with RandomNumberGenerator",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A key that is a literal, derived from a literal or from a constant field is the same in every installation and is recovered by anyone with the assembly. Keys belong in a key store (DPAPI, a key vault, a protected configuration) or are generated at run time.",
        cwe: "CWE-321");

    public static readonly DiagnosticDescriptor ConstantIv = DescriptorFactory.Create(
        DiagnosticIds.ConstantIv,
        title: "Do not use a constant IV or nonce",
        messageFormat: "The {0} comes from {1}: a constant IV makes equal plaintexts encrypt equally, and a repeated nonce breaks GCM and CTR entirely; generate a fresh random IV per message",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Initialization vectors and nonces must be unpredictable (CBC) or never repeat under one key (GCM, CTR, ChaCha20). A constant or all-zero IV defeats both.",
        cwe: "CWE-329");

    public static readonly DiagnosticDescriptor ConstantSalt = DescriptorFactory.Create(
        DiagnosticIds.ConstantSalt,
        title: "Do not use a constant salt",
        messageFormat: "The salt comes from {0}: a constant salt lets one precomputed table attack every password; generate a random salt per password (RandomNumberGenerator.GetBytes(16))",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A salt makes each password hash unique so that precomputed tables and parallel guessing across users do not work. A constant salt is no salt.",
        cwe: "CWE-760");

    public static readonly DiagnosticDescriptor UnsaltedPasswordHash = DescriptorFactory.Create(
        DiagnosticIds.UnsaltedPasswordHash,
        title: "Do not hash passwords with a fast hash and no salt",
        messageFormat: "'{0}' is hashed with {1} and no salt; store passwords with PBKDF2 (Rfc2898DeriveBytes.Pbkdf2, SHA-256, 600,000 iterations) and a random salt",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A plain hash of a password is cracked with precomputed tables and billions of guesses per second on a GPU. Password storage needs a random salt and a deliberately slow function.",
        cwe: "CWE-759");

    public static readonly DiagnosticDescriptor WeakPbkdf2Iterations = DescriptorFactory.Create(
        DiagnosticIds.WeakPbkdf2Iterations,
        title: "Use enough PBKDF2 iterations",
        messageFormat: "PBKDF2 with {0} iterations is too fast to resist guessing; use at least {1} for {2} (OWASP 2023)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "The iteration count is what makes each password guess expensive. OWASP (2023) asks for 600,000 iterations with HMAC-SHA256, 210,000 with HMAC-SHA512 and 1,300,000 with HMAC-SHA1.",
        cwe: "CWE-916");

    public static readonly DiagnosticDescriptor Pbkdf2Sha1 = DescriptorFactory.Create(
        DiagnosticIds.Pbkdf2Sha1,
        title: "Do not use PBKDF2 with HMAC-SHA1",
        messageFormat: "PBKDF2 uses HMAC-SHA1{0}; pass HashAlgorithmName.SHA256 or stronger",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "HMAC-SHA1 is cheap to compute on GPUs, so PBKDF2-HMAC-SHA1 needs more than twice the iterations of SHA-256 for the same cost to an attacker; the Rfc2898DeriveBytes constructors without a hash algorithm use it silently.",
        cwe: "CWE-916");

    public static readonly DiagnosticDescriptor PasswordDeriveBytes = DescriptorFactory.Create(
        DiagnosticIds.PasswordDeriveBytes,
        title: "Do not use PasswordDeriveBytes",
        messageFormat: "PasswordDeriveBytes implements an extended PBKDF1 that is weak and produces repeating output beyond the hash length; use Rfc2898DeriveBytes.Pbkdf2 with SHA-256",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "PasswordDeriveBytes is Microsoft's extension of PBKDF1: its default is SHA-1 with 100 iterations and outputs longer than the hash are not derived securely.",
        cwe: "CWE-916");

    public static readonly DiagnosticDescriptor InsecureRandom = DescriptorFactory.Create(
        DiagnosticIds.InsecureRandom,
        title: "Do not use System.Random for security",
        messageFormat: "System.Random is predictable and its value is used for {0} ('{1}'); use RandomNumberGenerator",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "System.Random is a fast, non-cryptographic generator: its output (and, after a few samples, all future output) can be predicted. Tokens, keys, salts, nonces, passwords and session ids need RandomNumberGenerator.",
        cwe: "CWE-338");
}
