namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Cryptography rule ids (QLB1100–1199).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>MD5, SHA-1, RIPEMD-160; their HMACs where used for signing or passwords; weak hashes in signatures.</summary>
    public const string WeakHash = "QLB1100";

    /// <summary>DES, TripleDES, RC2; Rijndael with a non-AES block size.</summary>
    public const string BrokenCipher = "QLB1101";

    /// <summary>ECB mode.</summary>
    public const string EcbMode = "QLB1102";

    /// <summary>CBC decryption of text-decoded ciphertext without an integrity check.</summary>
    public const string UnauthenticatedCbc = "QLB1103";

    /// <summary>RSA keys shorter than 2048 bits.</summary>
    public const string WeakRsaKey = "QLB1104";

    /// <summary>DSA.</summary>
    public const string Dsa = "QLB1105";

    /// <summary>RSA encryption with PKCS#1 v1.5 padding.</summary>
    public const string RsaPkcs1Encryption = "QLB1106";

    /// <summary>A constant or constant-derived key reaching a cipher or MAC.</summary>
    public const string HardcodedKey = "QLB1107";

    /// <summary>A constant IV or nonce.</summary>
    public const string ConstantIv = "QLB1108";

    /// <summary>A constant salt for password-based key derivation.</summary>
    public const string ConstantSalt = "QLB1109";

    /// <summary>A password hashed with a fast hash and no salt.</summary>
    public const string UnsaltedPasswordHash = "QLB1110";

    /// <summary>PBKDF2 with too few iterations.</summary>
    public const string WeakPbkdf2Iterations = "QLB1111";

    /// <summary>PBKDF2 with HMAC-SHA1 (also the default of the old Rfc2898DeriveBytes constructors).</summary>
    public const string Pbkdf2Sha1 = "QLB1112";

    /// <summary>PasswordDeriveBytes (extended PBKDF1).</summary>
    public const string PasswordDeriveBytes = "QLB1113";

    /// <summary>System.Random used for a security purpose.</summary>
    public const string InsecureRandom = "QLB1114";
}
