using System.Formats.Asn1;
using System.Numerics;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// ECDSA signature encodings: the ASN.1 DER <c>ECDSA-Sig-Value</c> (RFC 3279) that Sigstore,
/// cosign, OpenSSL and Node.js use, and IEEE P1363 (r || s) that .NET's ECDSA APIs use.
/// </summary>
public static class EcdsaSignatureEncoding
{
    /// <summary>Converts r || s (64 bytes for P-256) to DER.</summary>
    public static byte[] ToDer(byte[] p1363)
    {
        if (p1363.Length != 2 * EcdsaP256.FieldSize)
        {
            throw new FormatException("a P-256 signature in IEEE P1363 form is 64 bytes");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(UnsignedInteger.FromBigEndian(p1363, 0, EcdsaP256.FieldSize));
            writer.WriteInteger(UnsignedInteger.FromBigEndian(p1363, EcdsaP256.FieldSize, EcdsaP256.FieldSize));
        }

        return writer.Encode();
    }

    /// <summary>
    /// Converts a DER <c>ECDSA-Sig-Value</c> to r || s. Strict: DER only, no trailing bytes, r and s
    /// positive and below 2^256. Throws <see cref="FormatException"/>.
    /// </summary>
    public static byte[] FromDer(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var r = sequence.ReadInteger();
            var s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            var result = new byte[2 * EcdsaP256.FieldSize];
            Buffer.BlockCopy(Component(r), 0, result, 0, EcdsaP256.FieldSize);
            Buffer.BlockCopy(Component(s), 0, result, EcdsaP256.FieldSize, EcdsaP256.FieldSize);
            return result;
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("the signature is not a DER-encoded ECDSA signature: " + ex.Message, ex);
        }
    }

    private static byte[] Component(BigInteger value)
    {
        if (value.Sign <= 0 || value >= P256Curve.N)
        {
            throw new FormatException("an ECDSA signature component is out of range");
        }

        return UnsignedInteger.ToBigEndian(value, EcdsaP256.FieldSize);
    }
}
