using System.Formats.Asn1;
using Org.BouncyCastle.Utilities;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

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
        if (p1363.Length != 2 * P256.FieldSize)
        {
            throw new FormatException("a P-256 signature in IEEE P1363 form is 64 bytes");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // BigInteger.ToByteArray is the minimal two's-complement form DER's INTEGER wants.
            writer.WriteInteger(new BigInteger(1, p1363, 0, P256.FieldSize).ToByteArray());
            writer.WriteInteger(new BigInteger(1, p1363, P256.FieldSize, P256.FieldSize).ToByteArray());
        }

        return writer.Encode();
    }

    /// <summary>
    /// Converts a DER <c>ECDSA-Sig-Value</c> to r || s. Strict: DER only, no trailing bytes, r and s
    /// in [1, n−1]. Throws <see cref="FormatException"/>.
    /// </summary>
    public static byte[] FromDer(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var r = sequence.ReadIntegerBytes().ToArray();
            var s = sequence.ReadIntegerBytes().ToArray();
            sequence.ThrowIfNotEmpty();
            var result = new byte[2 * P256.FieldSize];
            BigIntegers.AsUnsignedByteArray(Component(r), result, 0, P256.FieldSize);
            BigIntegers.AsUnsignedByteArray(Component(s), result, P256.FieldSize, P256.FieldSize);
            return result;
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("the signature is not a DER-encoded ECDSA signature: " + ex.Message, ex);
        }
    }

    private static BigInteger Component(byte[] twosComplement)
    {
        var value = new BigInteger(twosComplement);
        if (value.SignValue <= 0 || value.CompareTo(P256.Order) >= 0)
        {
            throw new FormatException("an ECDSA signature component is out of range");
        }

        return value;
    }
}
