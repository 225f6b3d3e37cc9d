using System.Security.Cryptography;

namespace QuantLayer.BuildGuard.Evidence.Signing.Keys;

/// <summary>
/// PBKDF2 (RFC 8018 section 5.2) with an HMAC-SHA-1/256/384/512 PRF. On .NET 8 the platform's
/// one-shot implementation is used; netstandard2.0 (the .NET Framework task in Visual Studio) has
/// no PBKDF2 with SHA-2, so it runs <see cref="DeriveManaged"/>, which the tests compare with the
/// platform's.
/// </summary>
internal static class Pbkdf2
{
    /// <summary>Derives <paramref name="length"/> bytes.</summary>
    public static byte[] Derive(byte[] password, byte[] salt, int iterations, HashAlgorithmName prf, int length)
    {
#if NET
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, length);
#else
        return DeriveManaged(password, salt, iterations, prf, length);
#endif
    }

    /// <summary>The RFC 8018 algorithm over <see cref="HMAC"/>, for targets without a platform PBKDF2-SHA2.</summary>
    public static byte[] DeriveManaged(byte[] password, byte[] salt, int iterations, HashAlgorithmName prf, int length)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations));
        }

        using var hmac = CreateHmac(prf, password);
        var blockSize = hmac.HashSize / 8;
        var result = new byte[length];
        var block = new byte[blockSize];
        var input = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, input, 0, salt.Length);
        for (uint index = 1, offset = 0; offset < length; index++, offset += (uint)blockSize)
        {
            input[salt.Length] = (byte)(index >> 24);
            input[salt.Length + 1] = (byte)(index >> 16);
            input[salt.Length + 2] = (byte)(index >> 8);
            input[salt.Length + 3] = (byte)index;
            var u = hmac.ComputeHash(input);
            Buffer.BlockCopy(u, 0, block, 0, blockSize);
            for (var i = 1; i < iterations; i++)
            {
                u = hmac.ComputeHash(u);
                for (var j = 0; j < blockSize; j++)
                {
                    block[j] ^= u[j];
                }
            }

            Buffer.BlockCopy(block, 0, result, (int)offset, Math.Min(blockSize, length - (int)offset));
        }

        Array.Clear(block, 0, block.Length);
        return result;
    }

    private static HMAC CreateHmac(HashAlgorithmName prf, byte[] key)
    {
        if (prf == HashAlgorithmName.SHA1)
        {
#pragma warning disable CA5350 // HMAC-SHA1 is PKCS#5's default PRF; still sound as a PRF, needed to read such keys.
            return new HMACSHA1(key);
#pragma warning restore CA5350
        }

        if (prf == HashAlgorithmName.SHA256)
        {
            return new HMACSHA256(key);
        }

        if (prf == HashAlgorithmName.SHA384)
        {
            return new HMACSHA384(key);
        }

        if (prf == HashAlgorithmName.SHA512)
        {
            return new HMACSHA512(key);
        }

        throw new CryptographicException("unsupported PBKDF2 PRF " + prf.Name);
    }
}
