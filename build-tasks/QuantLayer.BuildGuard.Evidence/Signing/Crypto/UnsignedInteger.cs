using System.Numerics;

namespace QuantLayer.BuildGuard.Evidence.Signing.Crypto;

/// <summary>Big-endian unsigned byte strings to and from <see cref="BigInteger"/> (netstandard2.0 has no such constructor).</summary>
internal static class UnsignedInteger
{
    /// <summary>Reads an unsigned big-endian integer.</summary>
    public static BigInteger FromBigEndian(byte[] bytes) => FromBigEndian(bytes, 0, bytes.Length);

    /// <summary>Reads an unsigned big-endian integer from part of an array.</summary>
    public static BigInteger FromBigEndian(byte[] bytes, int offset, int count)
    {
        var little = new byte[count + 1];
        for (var i = 0; i < count; i++)
        {
            little[i] = bytes[offset + count - 1 - i];
        }

        return new BigInteger(little);
    }

    /// <summary>Writes a non-negative integer as exactly <paramref name="length"/> big-endian bytes. Throws when it does not fit.</summary>
    public static byte[] ToBigEndian(BigInteger value, int length)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "negative value");
        }

        var little = value.ToByteArray();
        var significant = little.Length;
        while (significant > 0 && little[significant - 1] == 0)
        {
            significant--;
        }

        if (significant > length)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "value does not fit in " + length + " bytes");
        }

        var result = new byte[length];
        for (var i = 0; i < significant; i++)
        {
            result[length - 1 - i] = little[i];
        }

        Array.Clear(little, 0, little.Length);
        return result;
    }
}
