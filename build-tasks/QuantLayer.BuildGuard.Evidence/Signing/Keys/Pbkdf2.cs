using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace QuantLayer.BuildGuard.Evidence.Signing.Keys;

/// <summary>
/// PBKDF2 (RFC 8018 section 5.2) with an HMAC-SHA-1/256/384/512 PRF. On .NET 8 the platform's
/// one-shot implementation runs; .NET Framework (the Visual Studio task) has no PBKDF2 with
/// SHA-2, so BouncyCastle's runs there. The tests compare the two.
/// </summary>
internal static class Pbkdf2
{
    /// <summary>Derives <paramref name="length"/> bytes.</summary>
    public static byte[] Derive(byte[] password, byte[] salt, int iterations, HashAlgorithmName prf, int length)
    {
#if NET
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, length);
#else
        return DeriveBouncyCastle(password, salt, iterations, prf, length);
#endif
    }

    /// <summary>BouncyCastle's PBKDF2 (<see cref="Pkcs5S2ParametersGenerator"/>): the .NET Framework path.</summary>
    public static byte[] DeriveBouncyCastle(byte[] password, byte[] salt, int iterations, HashAlgorithmName prf, int length)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations));
        }

        var generator = new Pkcs5S2ParametersGenerator(CreateDigest(prf));
        generator.Init(password, salt, iterations);
        var parameters = (KeyParameter)generator.GenerateDerivedMacParameters(length * 8);
        return parameters.GetKey();
    }

    private static IDigest CreateDigest(HashAlgorithmName prf)
    {
        if (prf == HashAlgorithmName.SHA1)
        {
            // HMAC-SHA-1 is PKCS#5's default PRF; still sound as a PRF, needed to read such keys.
            return new Sha1Digest();
        }

        if (prf == HashAlgorithmName.SHA256)
        {
            return new Sha256Digest();
        }

        if (prf == HashAlgorithmName.SHA384)
        {
            return new Sha384Digest();
        }

        if (prf == HashAlgorithmName.SHA512)
        {
            return new Sha512Digest();
        }

        throw new CryptographicException("unsupported PBKDF2 PRF " + prf.Name);
    }
}
