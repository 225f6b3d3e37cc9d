using System.Numerics;
using System.Security.Cryptography;

namespace QuantLayer.BuildGuard.Evidence.Signing.Crypto;

/// <summary>
/// Deterministic ECDSA over P-256 with SHA-256 (RFC 6979 section 3.2 nonces): the same key and
/// message always give the same signature, so evidence signed twice from identical inputs is
/// byte-identical. Side-channel hardening: the nonce is blinded before the scalar
/// multiplication (k + m·n with a fresh random 64-bit m) and the final inversion is blinded with a fresh
/// random factor, so the arithmetic never processes the same secret bit pattern twice; the result
/// does not depend on the blinding values. Every signature is verified with the platform's ECDSA
/// by the caller before it is used.
/// </summary>
internal static class EcdsaP256
{
    /// <summary>Size of a scalar and of a coordinate, in bytes.</summary>
    public const int FieldSize = 32;

    /// <summary>Derives the public point d·G. Throws when d is not in [1, n−1].</summary>
    public static (byte[] X, byte[] Y) PublicKey(byte[] privateScalar)
    {
        var d = ValidScalar(privateScalar);
        var blinded = d + (RandomScalar(8) * P256Curve.N);
        var point = P256Curve.MultiplyBase(blinded) ?? throw new CryptographicException("the private key gives the point at infinity");
        return (UnsignedInteger.ToBigEndian(point.X, FieldSize), UnsignedInteger.ToBigEndian(point.Y, FieldSize));
    }

    /// <summary>Signs a SHA-256 digest; returns r || s (IEEE P1363, 64 bytes).</summary>
    public static byte[] SignHash(byte[] privateScalar, byte[] sha256)
    {
        if (sha256.Length != FieldSize)
        {
            throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(sha256));
        }

        var d = ValidScalar(privateScalar);
        var n = P256Curve.N;

        // qlen = hlen = 256: bits2int(h) is the digest as an integer, and e = bits2int(h) mod n.
        var e = P256Curve.Mod(UnsignedInteger.FromBigEndian(sha256), n);
        foreach (var k in Rfc6979.Nonces(privateScalar, UnsignedInteger.ToBigEndian(e, FieldSize)))
        {
            var point = P256Curve.MultiplyBase(k + (RandomScalar(8) * n));
            if (point is null)
            {
                continue;
            }

            var r = P256Curve.Mod(point.Value.X, n);
            if (r.IsZero)
            {
                continue;
            }

            // s = k⁻¹ (e + r d) = (k b)⁻¹ · b (e + r d) with a random b in [1, n−1].
            var b = P256Curve.Mod(RandomScalar(FieldSize), n - 1) + 1;
            var kbInverse = P256Curve.Inverse(k * b % n, n);
            var s = kbInverse * (b * ((e + (r * d)) % n) % n) % n;
            if (s.IsZero)
            {
                continue;
            }

            var signature = new byte[2 * FieldSize];
            Buffer.BlockCopy(UnsignedInteger.ToBigEndian(r, FieldSize), 0, signature, 0, FieldSize);
            Buffer.BlockCopy(UnsignedInteger.ToBigEndian(s, FieldSize), 0, signature, FieldSize, FieldSize);
            return signature;
        }

        throw new CryptographicException("RFC 6979 produced no usable nonce");
    }

    /// <summary>The private scalar as an integer, checked to be in [1, n−1].</summary>
    private static BigInteger ValidScalar(byte[] privateScalar)
    {
        if (privateScalar.Length != FieldSize)
        {
            throw new CryptographicException("a P-256 private key is 32 bytes");
        }

        var d = UnsignedInteger.FromBigEndian(privateScalar);
        if (d.IsZero || d >= P256Curve.N)
        {
            throw new CryptographicException("the private key is not in the range of P-256");
        }

        return d;
    }

    private static BigInteger RandomScalar(int bytes)
    {
        var buffer = new byte[bytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(buffer);
        }

        return UnsignedInteger.FromBigEndian(buffer);
    }
}
