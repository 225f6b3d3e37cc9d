using System.Numerics;
using System.Security.Cryptography;

namespace QuantLayer.BuildGuard.Evidence.Signing.Crypto;

/// <summary>
/// RFC 6979 section 3.2: the deterministic nonce stream for P-256 with HMAC-SHA-256. The caller
/// takes the first candidate that gives a non-zero r and s (almost always the first).
/// </summary>
internal static class Rfc6979
{
    /// <summary>
    /// Yields nonce candidates k in [1, n−1] for private key <paramref name="x"/> (int2octets, 32
    /// bytes) and <paramref name="reducedDigest"/> (bits2octets(h1): the digest reduced mod n, 32 bytes).
    /// </summary>
    public static IEnumerable<BigInteger> Nonces(byte[] x, byte[] reducedDigest)
    {
        const int length = EcdsaP256.FieldSize;
        var v = new byte[length];
        var k = new byte[length];
        for (var i = 0; i < length; i++)
        {
            v[i] = 0x01;
        }

        // Steps d–g: K = HMAC_K(V || 0x00 || x || h1), V = HMAC_K(V), K = HMAC_K(V || 0x01 || x || h1), V = HMAC_K(V).
        k = Hmac(k, v, new byte[] { 0x00 }, x, reducedDigest);
        v = Hmac(k, v);
        k = Hmac(k, v, new byte[] { 0x01 }, x, reducedDigest);
        v = Hmac(k, v);

        try
        {
            while (true)
            {
                // Step h: qlen = hlen, so one HMAC block is T.
                v = Hmac(k, v);
                var candidate = UnsignedInteger.FromBigEndian(v);
                if (!candidate.IsZero && candidate < P256Curve.N)
                {
                    yield return candidate;
                }

                k = Hmac(k, v, new byte[] { 0x00 });
                v = Hmac(k, v);
            }
        }
        finally
        {
            Array.Clear(k, 0, k.Length);
            Array.Clear(v, 0, v.Length);
        }
    }

    private static byte[] Hmac(byte[] key, params byte[][] parts)
    {
        using var hmac = new HMACSHA256(key);
        foreach (var part in parts)
        {
            hmac.TransformBlock(part, 0, part.Length, null, 0);
        }

        hmac.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return hmac.Hash!;
    }
}
