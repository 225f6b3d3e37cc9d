using System.Security.Cryptography;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>Name-based UUIDs, version 5 (SHA-1), RFC 9562 section 5.5.</summary>
public static class NameBasedUuid
{
    /// <summary>The RFC's URL namespace (6ba7b811-9dad-11d1-80b4-00c04fd430c8).</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>BuildGuard's namespace for SBOM serial numbers: v5 of its URL in the URL namespace.</summary>
    public static readonly Guid SbomNamespace = Create(UrlNamespace, "https://quantlayer.io/buildguard/sbom");

    /// <summary>The v5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name) => Create(namespaceId, Encoding.UTF8.GetBytes(name));

    /// <summary>The v5 UUID of bytes in a namespace.</summary>
    public static Guid Create(Guid namespaceId, byte[] name)
    {
        var ns = ToNetworkOrder(namespaceId.ToByteArray());
        byte[] hash;
        using (var sha1 = SHA1.Create())
        {
            sha1.TransformBlock(ns, 0, ns.Length, null, 0);
            sha1.TransformFinalBlock(name, 0, name.Length);
            hash = sha1.Hash!;
        }

        var bytes = new byte[16];
        Array.Copy(hash, bytes, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(ToNetworkOrder(bytes));
    }

    // Guid.ToByteArray is little-endian in its first three fields; RFC byte order is big-endian.
    // The swap is its own inverse.
    private static byte[] ToNetworkOrder(byte[] guid)
    {
        var b = (byte[])guid.Clone();
        Array.Reverse(b, 0, 4);
        Array.Reverse(b, 4, 2);
        Array.Reverse(b, 6, 2);
        return b;
    }
}
