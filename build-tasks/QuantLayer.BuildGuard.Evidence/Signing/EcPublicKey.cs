using System.Formats.Asn1;
using System.Security.Cryptography;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// An ECDSA P-256 public key: its DER <c>SubjectPublicKeyInfo</c>, its key hint (cosign's
/// convention, also the DSSE <c>keyid</c>: base64 of the SHA-256 of that DER), and signature
/// verification through the platform's ECDSA.
/// </summary>
public sealed class EcPublicKey
{
    internal const string EcPublicKeyOid = "1.2.840.10045.2.1";
    internal const string P256Oid = "1.2.840.10045.3.1.7";

    private EcPublicKey(byte[] x, byte[] y)
    {
        X = x;
        Y = y;
        SubjectPublicKeyInfo = EncodeSubjectPublicKeyInfo(x, y);
        using var sha = SHA256.Create();
        Hint = Convert.ToBase64String(sha.ComputeHash(SubjectPublicKeyInfo));
    }

    /// <summary>The x coordinate (32 bytes, big-endian).</summary>
    public byte[] X { get; }

    /// <summary>The y coordinate (32 bytes, big-endian).</summary>
    public byte[] Y { get; }

    /// <summary>The DER-encoded SubjectPublicKeyInfo (RFC 5480).</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)): the bundle's <c>publicKey.hint</c> and the DSSE <c>keyid</c>.</summary>
    public string Hint { get; }

    /// <summary>Creates a key from its coordinates. Throws <see cref="FormatException"/> when the point is not on P-256.</summary>
    public static EcPublicKey FromCoordinates(byte[] x, byte[] y)
    {
        if (!P256.IsOnCurve(x, y))
        {
            throw new FormatException("the public key is not a point on the P-256 curve");
        }

        return new EcPublicKey((byte[])x.Clone(), (byte[])y.Clone());
    }

    /// <summary>Reads a DER SubjectPublicKeyInfo. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static EcPublicKey FromSubjectPublicKeyInfo(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = spki.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (oid != EcPublicKeyOid)
            {
                throw new FormatException($"the public key is not an elliptic-curve key (algorithm {oid}); BuildGuard signs and verifies with ECDSA P-256");
            }

            var curve = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? algorithm.ReadObjectIdentifier() : "(explicit parameters)";
            if (curve != P256Oid)
            {
                throw new FormatException($"the public key is on curve {curve}; BuildGuard signs and verifies with ECDSA P-256 (prime256v1)");
            }

            var point = spki.ReadBitString(out var unused);
            spki.ThrowIfNotEmpty();
            return FromUncompressedPoint(point, unused);
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("the public key is not a valid DER SubjectPublicKeyInfo: " + ex.Message, ex);
        }
    }

    /// <summary>Reads a PEM <c>PUBLIC KEY</c>. Throws <see cref="FormatException"/>.</summary>
    public static EcPublicKey FromPem(string pem)
    {
        var block = Pem.ReadFirst(pem) ?? throw new FormatException("no PEM block found (expected '-----BEGIN PUBLIC KEY-----')");
        if (block.Label != "PUBLIC KEY")
        {
            throw new FormatException(block.Label.IndexOf("PRIVATE", StringComparison.Ordinal) >= 0
                ? "this is a private key; give the public key (the .pub file) to verify"
                : $"expected a 'PUBLIC KEY' PEM block, found '{block.Label}'");
        }

        return FromSubjectPublicKeyInfo(block.Data);
    }

    /// <summary>Reads a public key file (PEM). Throws <see cref="FormatException"/> or <see cref="IOException"/>.</summary>
    public static EcPublicKey FromFile(string path) => FromPem(File.ReadAllText(path));

    /// <summary>The key as a PEM <c>PUBLIC KEY</c> block.</summary>
    public string ToPem() => Pem.Write("PUBLIC KEY", SubjectPublicKeyInfo);

    /// <summary>
    /// Verifies a DER-encoded ECDSA signature over SHA-256(<paramref name="message"/>) with the
    /// platform's ECDSA. Malformed signatures verify as false.
    /// </summary>
    public bool Verify(byte[] message, byte[] derSignature)
    {
        byte[] p1363;
        try
        {
            p1363 = EcdsaSignatureEncoding.FromDer(derSignature);
        }
        catch (FormatException)
        {
            return false;
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = X, Y = Y },
        });
        return ecdsa.VerifyData(message, p1363, HashAlgorithmName.SHA256);
    }

    /// <summary>True when both keys are the same point.</summary>
    public bool SameKey(EcPublicKey other) => Hint == other.Hint;

    internal static EcPublicKey FromUncompressedPoint(byte[] point, int unusedBits = 0)
    {
        if (unusedBits != 0 || point.Length != 1 + (2 * P256.FieldSize) || point[0] != 0x04)
        {
            throw new FormatException("the public key point is not an uncompressed P-256 point");
        }

        var x = new byte[P256.FieldSize];
        var y = new byte[P256.FieldSize];
        Buffer.BlockCopy(point, 1, x, 0, P256.FieldSize);
        Buffer.BlockCopy(point, 1 + P256.FieldSize, y, 0, P256.FieldSize);
        return FromCoordinates(x, y);
    }

    internal byte[] UncompressedPoint()
    {
        var point = new byte[1 + (2 * P256.FieldSize)];
        point[0] = 0x04;
        Buffer.BlockCopy(X, 0, point, 1, P256.FieldSize);
        Buffer.BlockCopy(Y, 0, point, 1 + P256.FieldSize, P256.FieldSize);
        return point;
    }

    private static byte[] EncodeSubjectPublicKeyInfo(byte[] x, byte[] y)
    {
        var point = new byte[1 + (2 * P256.FieldSize)];
        point[0] = 0x04;
        Buffer.BlockCopy(x, 0, point, 1, P256.FieldSize);
        Buffer.BlockCopy(y, 0, point, 1 + P256.FieldSize, P256.FieldSize);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKeyOid);
                writer.WriteObjectIdentifier(P256Oid);
            }

            writer.WriteBitString(point);
        }

        return writer.Encode();
    }
}
