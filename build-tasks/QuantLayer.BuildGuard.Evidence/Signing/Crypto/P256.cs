using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace QuantLayer.BuildGuard.Evidence.Signing.Crypto;

/// <summary>
/// The P-256 operations the signing code needs, all done by BouncyCastle (one library for the
/// net472 and net8.0 task flavours): deriving d·G, checking that a point is on the curve,
/// generating a key, and deterministic ECDSA with RFC 6979 nonces (HMAC-SHA-256). The curve is
/// BouncyCastle's specialised secp256r1 implementation (fixed-width field arithmetic); base-point
/// multiplications use its fixed-point comb multiplier, the nonce inversion its constant-time
/// modular inverse. Verification does not come here: it goes through the platform's ECDSA.
/// </summary>
internal static class P256
{
    /// <summary>Size of a scalar and of a coordinate, in bytes.</summary>
    public const int FieldSize = 32;

    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByOid(SecObjectIdentifiers.SecP256r1);

    /// <summary>The curve, its base point and its order, for BouncyCastle's key parameters.</summary>
    public static readonly ECDomainParameters Domain = new ECNamedDomainParameters(SecObjectIdentifiers.SecP256r1, Curve);

    /// <summary>The order n of the base point.</summary>
    public static BigInteger Order => Domain.N;

    /// <summary>Derives the public point d·G as big-endian coordinates. Throws <see cref="CryptographicException"/> when d is not in [1, n−1].</summary>
    public static (byte[] X, byte[] Y) PublicKey(byte[] privateScalar)
    {
        var d = ValidScalar(privateScalar);
        var point = new FixedPointCombMultiplier().Multiply(Domain.G, d).Normalize();
        return (point.AffineXCoord.GetEncoded(), point.AffineYCoord.GetEncoded());
    }

    /// <summary>True when (x, y), both 32 bytes big-endian, is a point of P-256 (coordinates below p, curve equation holds).</summary>
    public static bool IsOnCurve(byte[] x, byte[] y)
    {
        if (x.Length != FieldSize || y.Length != FieldSize)
        {
            return false;
        }

        var bx = new BigInteger(1, x);
        var by = new BigInteger(1, y);
        if (!Domain.Curve.IsValidFieldElement(bx) || !Domain.Curve.IsValidFieldElement(by))
        {
            return false;
        }

        return Domain.Curve.CreatePoint(bx, by).IsValid();
    }

    /// <summary>Generates a private scalar with BouncyCastle's key-pair generator and its <see cref="SecureRandom"/> (a SHA-256 generator seeded from the platform's random number generator).</summary>
    public static byte[] GenerateScalar()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return BigIntegers.AsUnsignedByteArray(FieldSize, ((ECPrivateKeyParameters)pair.Private).D);
    }

    /// <summary>
    /// The RFC 6979 section 3.2 nonce generator for P-256 with HMAC-SHA-256, as the signer uses
    /// it (the tests check it against RFC 6979's nonce vectors).
    /// </summary>
    public static IDsaKCalculator DeterministicNonces() => new HMacDsaKCalculator(new Sha256Digest());

    /// <summary>
    /// Signs a SHA-256 digest with deterministic ECDSA (RFC 6979: the same key and digest always
    /// give the same signature); returns r || s (IEEE P1363, 64 bytes). s is not normalized to
    /// the lower half (as before; ECDSA verifiers accept either).
    /// </summary>
    public static byte[] SignHash(byte[] privateScalar, byte[] sha256)
    {
        if (sha256.Length != FieldSize)
        {
            throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(sha256));
        }

        var signer = new ECDsaSigner(DeterministicNonces());
        signer.Init(true, new ECPrivateKeyParameters(ValidScalar(privateScalar), Domain));
        var rs = signer.GenerateSignature(sha256);
        var signature = new byte[2 * FieldSize];
        BigIntegers.AsUnsignedByteArray(rs[0], signature, 0, FieldSize);
        BigIntegers.AsUnsignedByteArray(rs[1], signature, FieldSize, FieldSize);
        return signature;
    }

    /// <summary>The private scalar as an integer, checked to be in [1, n−1].</summary>
    private static BigInteger ValidScalar(byte[] privateScalar)
    {
        if (privateScalar.Length != FieldSize)
        {
            throw new CryptographicException("a P-256 private key is 32 bytes");
        }

        var d = new BigInteger(1, privateScalar);
        if (d.SignValue == 0 || d.CompareTo(Domain.N) >= 0)
        {
            throw new CryptographicException("the private key is not in the range of P-256");
        }

        return d;
    }
}
