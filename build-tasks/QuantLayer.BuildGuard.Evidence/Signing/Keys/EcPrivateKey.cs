using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;

namespace QuantLayer.BuildGuard.Evidence.Signing.Keys;

/// <summary>
/// An ECDSA P-256 private key held in memory, read from and written to the formats people have:
/// PKCS#8 <c>PRIVATE KEY</c>, SEC1 <c>EC PRIVATE KEY</c> (OpenSSL's <c>ecparam -genkey</c>) and
/// encrypted PKCS#8 <c>ENCRYPTED PRIVATE KEY</c> (PBES2: PBKDF2 with HMAC-SHA-1/2, AES-CBC).
/// One managed implementation (System.Formats.Asn1) serves both netstandard2.0 and net8.0, so the
/// Visual Studio task reads exactly the keys dotnet build reads. Messages never contain key bytes.
/// Dispose clears the private scalar.
/// </summary>
public sealed class EcPrivateKey : IDisposable
{
    /// <summary>PBKDF2 iterations <see cref="ToEncryptedPem"/> uses (OWASP's 2023 figure for HMAC-SHA-256).</summary>
    public const int DefaultIterations = 600_000;

    private const string Pbes2Oid = "1.2.840.113549.1.5.13";
    private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";
    private const string HmacSha1Oid = "1.2.840.113549.2.7";
    private const string HmacSha256Oid = "1.2.840.113549.2.9";
    private const string HmacSha384Oid = "1.2.840.113549.2.10";
    private const string HmacSha512Oid = "1.2.840.113549.2.11";
    private const string Aes128CbcOid = "2.16.840.1.101.3.4.1.2";
    private const string Aes192CbcOid = "2.16.840.1.101.3.4.1.22";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";
    private const int MaxIterations = 10_000_000;

    private readonly byte[] _scalar;

    private EcPrivateKey(byte[] scalar, EcPublicKey publicKey)
    {
        _scalar = scalar;
        PublicKey = publicKey;
    }

    /// <summary>The matching public key.</summary>
    public EcPublicKey PublicKey { get; }

    /// <summary>The private scalar (32 bytes). Internal: only the signer uses it.</summary>
    internal byte[] Scalar => _scalar;

    /// <summary>Generates a new key (BouncyCastle's EC key-pair generator, seeded from the platform's random number generator).</summary>
    public static EcPrivateKey Generate()
    {
        var scalar = P256.GenerateScalar();
        try
        {
            return FromScalar(scalar);
        }
        finally
        {
            Array.Clear(scalar, 0, scalar.Length);
        }
    }

    /// <summary>Creates a key from its scalar (copied). Throws <see cref="CryptographicException"/> when it is out of range.</summary>
    public static EcPrivateKey FromScalar(byte[] scalar)
    {
        var copy = (byte[])scalar.Clone();
        var (x, y) = P256.PublicKey(copy);
        return new EcPrivateKey(copy, EcPublicKey.FromCoordinates(x, y));
    }

    /// <summary>
    /// Reads a PEM private key. <paramref name="passphrase"/> is asked for only when the key is
    /// encrypted (it may return null: then the error says that a passphrase is needed). Throws
    /// <see cref="KeyFormatException"/> (unreadable, unsupported) or <see cref="KeyPassphraseException"/>.
    /// </summary>
    public static EcPrivateKey FromPem(string pem, Func<string?> passphrase)
    {
        PemBlock? block;
        try
        {
            block = Pem.ReadFirst(pem);
        }
        catch (FormatException ex)
        {
            throw new KeyFormatException(ex.Message);
        }

        if (block is null)
        {
            throw new KeyFormatException("no PEM block found (expected '-----BEGIN PRIVATE KEY-----', '-----BEGIN EC PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----')");
        }

        try
        {
            switch (block.Label)
            {
                case "PRIVATE KEY":
                    return FromPkcs8(block.Data);
                case "EC PRIVATE KEY":
                    if (block.HasHeaders)
                    {
                        throw new KeyFormatException("the key uses OpenSSL's legacy PEM encryption (Proc-Type/DEK-Info headers), which is weak and not supported; convert it: 'openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -in old.pem -out key.pem'");
                    }

                    return FromSec1(block.Data, null);
                case "ENCRYPTED PRIVATE KEY":
                    var secret = passphrase();
                    if (string.IsNullOrEmpty(secret))
                    {
                        throw new KeyPassphraseException("the private key is encrypted and no passphrase is set");
                    }

                    var plain = Decrypt(block.Data, secret!);
                    try
                    {
                        return FromPkcs8(plain);
                    }
                    catch (KeyFormatException)
                    {
                        throw new KeyPassphraseException("the passphrase is wrong (the decrypted key is not a valid PKCS#8 structure)");
                    }
                    finally
                    {
                        Array.Clear(plain, 0, plain.Length);
                    }

                case "ENCRYPTED SIGSTORE PRIVATE KEY":
                case "ENCRYPTED COSIGN PRIVATE KEY":
                    throw new KeyFormatException("this is a cosign key (scrypt + NaCl secretbox), which BuildGuard cannot read; create a key with 'buildguard keygen' (or export a PKCS#8 PEM from your key store)");
                case "PUBLIC KEY":
                    throw new KeyFormatException("this is a public key; signing needs the private key");
                default:
                    throw new KeyFormatException($"unsupported PEM block '{block.Label}' (expected PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
            }
        }
        finally
        {
            Array.Clear(block.Data, 0, block.Data.Length);
        }
    }

    /// <summary>Reads an unencrypted PKCS#8 PrivateKeyInfo (DER). Throws <see cref="KeyFormatException"/>.</summary>
    public static EcPrivateKey FromPkcs8(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var version = info.ReadInteger();
            if (version > 1)
            {
                throw new KeyFormatException("unsupported PKCS#8 version " + version);
            }

            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (oid != EcPublicKey.EcPublicKeyOid)
            {
                throw new KeyFormatException(oid switch
                {
                    "1.2.840.113549.1.1.1" => "this is an RSA key; BuildGuard signs with ECDSA P-256 (create one with 'buildguard keygen')",
                    "1.3.101.112" => "this is an Ed25519 key; BuildGuard signs with ECDSA P-256 (create one with 'buildguard keygen')",
                    _ => $"the key's algorithm {oid} is not elliptic-curve; BuildGuard signs with ECDSA P-256",
                });
            }

            var curve = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? algorithm.ReadObjectIdentifier() : null;
            if (curve != EcPublicKey.P256Oid)
            {
                throw new KeyFormatException($"the key is on curve {curve ?? "(explicit parameters)"}; BuildGuard signs with P-256 (prime256v1 / secp256r1)");
            }

            var inner = info.ReadOctetString();
            return FromSec1(inner, curve);
        }
        catch (AsnContentException ex)
        {
            throw new KeyFormatException("the key is not a valid PKCS#8 structure: " + ex.Message);
        }
    }

    /// <summary>The key as an unencrypted PKCS#8 PrivateKeyInfo (DER).</summary>
    public byte[] ToPkcs8()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKey.EcPublicKeyOid);
                writer.WriteObjectIdentifier(EcPublicKey.P256Oid);
            }

            writer.WriteOctetString(EncodeSec1());
        }

        return writer.Encode();
    }

    /// <summary>The key as an unencrypted PKCS#8 PEM (for tests and conversions; keygen always encrypts).</summary>
    public string ToPem()
    {
        var der = ToPkcs8();
        try
        {
            return Pem.Write("PRIVATE KEY", der);
        }
        finally
        {
            Array.Clear(der, 0, der.Length);
        }
    }

    /// <summary>
    /// The key as encrypted PKCS#8 PEM: PBES2 with PBKDF2-HMAC-SHA-256 (<paramref name="iterations"/>,
    /// 16-byte random salt) and AES-256-CBC, as <c>openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256</c>
    /// writes it; OpenSSL, .NET and BuildGuard read it.
    /// </summary>
    public string ToEncryptedPem(string passphrase, int iterations = DefaultIterations)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new ArgumentException("a passphrase is required", nameof(passphrase));
        }

        var salt = new byte[16];
        var iv = new byte[16];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(salt);
            random.GetBytes(iv);
        }

        var plain = ToPkcs8();
        var key = Pbkdf2.Derive(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] encrypted;
        try
        {
            using var aes = Aes.Create();
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.PKCS7;
            using var encryptor = aes.CreateEncryptor(key, iv);
            encrypted = encryptor.TransformFinalBlock(plain, 0, plain.Length);
        }
        finally
        {
            Array.Clear(plain, 0, plain.Length);
            Array.Clear(key, 0, key.Length);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Pbes2Oid);
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Pbkdf2Oid);
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(salt);
                            writer.WriteInteger(iterations);
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(HmacSha256Oid);
                                writer.WriteNull();
                            }
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Aes256CbcOid);
                        writer.WriteOctetString(iv);
                    }
                }
            }

            writer.WriteOctetString(encrypted);
        }

        return Pem.Write("ENCRYPTED PRIVATE KEY", writer.Encode());
    }

    /// <summary>An independent copy (disposing one does not clear the other).</summary>
    public EcPrivateKey Clone() => new((byte[])_scalar.Clone(), PublicKey);

    /// <inheritdoc />
    public void Dispose() => Array.Clear(_scalar, 0, _scalar.Length);

    private static EcPrivateKey FromSec1(byte[] der, string? curveFromPkcs8)
    {
        byte[]? scalar = null;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var key = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (key.ReadInteger() != 1)
            {
                throw new KeyFormatException("unsupported ECPrivateKey version");
            }

            var raw = key.ReadOctetString();
            if (raw.Length > P256.FieldSize)
            {
                Array.Clear(raw, 0, raw.Length);
                throw new KeyFormatException("the private key is longer than a P-256 key");
            }

            scalar = new byte[P256.FieldSize];
            Buffer.BlockCopy(raw, 0, scalar, P256.FieldSize - raw.Length, raw.Length);
            Array.Clear(raw, 0, raw.Length);

            var curve = curveFromPkcs8;
            byte[]? publicPoint = null;
            var parametersTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            var publicKeyTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            if (key.HasData && key.PeekTag().HasSameClassAndValue(parametersTag))
            {
                var parameters = key.ReadSequence(parametersTag);
                curve = parameters.HasData && parameters.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? parameters.ReadObjectIdentifier() : "(explicit parameters)";
            }

            if (key.HasData && key.PeekTag().HasSameClassAndValue(publicKeyTag))
            {
                var wrapper = key.ReadSequence(publicKeyTag);
                publicPoint = wrapper.ReadBitString(out _);
            }

            if (curve is null)
            {
                throw new KeyFormatException("the key does not name its curve");
            }

            if (curve != EcPublicKey.P256Oid)
            {
                throw new KeyFormatException($"the key is on curve {curve}; BuildGuard signs with P-256 (prime256v1 / secp256r1)");
            }

            EcPrivateKey result;
            try
            {
                result = FromScalar(scalar);
            }
            catch (CryptographicException ex)
            {
                throw new KeyFormatException(ex.Message);
            }

            if (publicPoint is not null)
            {
                EcPublicKey stored;
                try
                {
                    stored = EcPublicKey.FromUncompressedPoint(publicPoint);
                }
                catch (FormatException ex)
                {
                    result.Dispose();
                    throw new KeyFormatException("the key file's public key is invalid: " + ex.Message);
                }

                if (!stored.SameKey(result.PublicKey))
                {
                    result.Dispose();
                    throw new KeyFormatException("the key file's public key does not belong to its private key (the file is corrupt)");
                }
            }

            return result;
        }
        catch (AsnContentException ex)
        {
            throw new KeyFormatException("the key is not a valid EC private key structure: " + ex.Message);
        }
        finally
        {
            if (scalar is not null)
            {
                Array.Clear(scalar, 0, scalar.Length);
            }
        }
    }

    private static byte[] Decrypt(byte[] encryptedInfo, string passphrase)
    {
        string scheme;
        byte[] salt;
        int iterations;
        HashAlgorithmName prf;
        int keyLength;
        byte[] iv;
        byte[] data;
        try
        {
            var reader = new AsnReader(encryptedInfo, AsnEncodingRules.BER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = info.ReadSequence();
            var algorithmOid = algorithm.ReadObjectIdentifier();
            if (algorithmOid != Pbes2Oid)
            {
                throw new KeyFormatException($"the key is encrypted with {algorithmOid}; only PBES2 (PBKDF2 + AES-CBC) is supported, convert it: 'openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256'");
            }

            var pbes2 = algorithm.ReadSequence();
            var kdf = pbes2.ReadSequence();
            var kdfOid = kdf.ReadObjectIdentifier();
            if (kdfOid != Pbkdf2Oid)
            {
                throw new KeyFormatException($"the key's key-derivation function {kdfOid} is not supported (scrypt keys: convert with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256')");
            }

            var kdfParameters = kdf.ReadSequence();
            salt = kdfParameters.ReadOctetString();
            var iterationValue = kdfParameters.ReadInteger();
            if (iterationValue < 1 || iterationValue > MaxIterations)
            {
                throw new KeyFormatException($"the key's PBKDF2 iteration count {iterationValue} is outside 1..{MaxIterations}");
            }

            iterations = (int)iterationValue;
            keyLength = -1;
            if (kdfParameters.HasData && kdfParameters.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                keyLength = (int)kdfParameters.ReadInteger();
            }

            prf = HashAlgorithmName.SHA1;
            if (kdfParameters.HasData)
            {
                var prfAlgorithm = kdfParameters.ReadSequence();
                prf = prfAlgorithm.ReadObjectIdentifier() switch
                {
                    HmacSha1Oid => HashAlgorithmName.SHA1,
                    HmacSha256Oid => HashAlgorithmName.SHA256,
                    HmacSha384Oid => HashAlgorithmName.SHA384,
                    HmacSha512Oid => HashAlgorithmName.SHA512,
                    var other => throw new KeyFormatException($"the key's PBKDF2 PRF {other} is not supported"),
                };
            }

            var cipher = pbes2.ReadSequence();
            scheme = cipher.ReadObjectIdentifier();
            iv = cipher.ReadOctetString();
            data = info.ReadOctetString();
        }
        catch (AsnContentException ex)
        {
            throw new KeyFormatException("the encrypted key is not a valid PKCS#8 EncryptedPrivateKeyInfo: " + ex.Message);
        }

        var aesKeyLength = scheme switch
        {
            Aes128CbcOid => 16,
            Aes192CbcOid => 24,
            Aes256CbcOid => 32,
            _ => throw new KeyFormatException($"the key's encryption scheme {scheme} is not supported (AES-128/192/256-CBC are)"),
        };
        if ((keyLength != -1 && keyLength != aesKeyLength) || iv.Length != 16)
        {
            throw new KeyFormatException("the encrypted key's parameters are inconsistent (key length or IV size)");
        }

        var password = Encoding.UTF8.GetBytes(passphrase);
        var derived = Pbkdf2.Derive(password, salt, iterations, prf, aesKeyLength);
        try
        {
            using var aes = Aes.Create();
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.PKCS7;
            using var decryptor = aes.CreateDecryptor(derived, iv);
            return decryptor.TransformFinalBlock(data, 0, data.Length);
        }
        catch (CryptographicException)
        {
            throw new KeyPassphraseException("the passphrase is wrong (decryption failed)");
        }
        finally
        {
            Array.Clear(password, 0, password.Length);
            Array.Clear(derived, 0, derived.Length);
        }
    }

    private byte[] EncodeSec1()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(_scalar);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                writer.WriteBitString(PublicKey.UncompressedPoint());
            }
        }

        return writer.Encode();
    }
}

/// <summary>A private key cannot be read (format, algorithm, curve). The message never contains key bytes.</summary>
public sealed class KeyFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>An encrypted private key cannot be decrypted: no passphrase, or the wrong one.</summary>
public sealed class KeyPassphraseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyPassphraseException(string message)
        : base(message)
    {
    }
}
