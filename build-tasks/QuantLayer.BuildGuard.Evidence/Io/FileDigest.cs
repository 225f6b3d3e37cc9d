using System.Security.Cryptography;

namespace QuantLayer.BuildGuard.Evidence.Io;

/// <summary>SHA-256 and SHA-512 of a file, computed in one pass, as lower-case hex.</summary>
public sealed record FileDigest(long Size, string Sha256, string Sha512)
{
    /// <summary>Hashes a file.</summary>
    public static FileDigest Compute(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Compute(stream);
    }

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static FileDigest Compute(Stream stream)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            sha512.AppendData(buffer, 0, read);
            size += read;
        }

        return new FileDigest(size, Hex.Lower(sha256.GetHashAndReset()), Hex.Lower(sha512.GetHashAndReset()));
    }

    /// <summary>
    /// SHA-256 of a file as lower-case hex, for readers that only compare SHA-256 (half the work of
    /// <see cref="Compute(string)"/>).
    /// </summary>
    public static string Sha256OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var sha = SHA256.Create();
        return Hex.Lower(sha.ComputeHash(stream));
    }

    /// <summary>SHA-256 of bytes as lower-case hex.</summary>
    public static string Sha256Hex(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return Hex.Lower(sha.ComputeHash(bytes));
    }
}

/// <summary>Hex encoding.</summary>
public static class Hex
{
    /// <summary>Lower-case hex of bytes.</summary>
    public static string Lower(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>Parses hex (either case). Throws <see cref="FormatException"/>.</summary>
    public static byte[] Parse(string hex)
    {
        if (hex.Length % 2 != 0)
        {
            throw new FormatException("hex string has an odd length");
        }

        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
        }

        return bytes;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"'{c}' is not a hex digit"),
    };
}
