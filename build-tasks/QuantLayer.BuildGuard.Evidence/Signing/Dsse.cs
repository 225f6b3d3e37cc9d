using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Dead Simple Signing Envelope (DSSE v1): the signature covers the pre-authentication encoding
/// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where LEN is the byte
/// length in ASCII decimal, so the payload type is authenticated along with the payload.
/// </summary>
public static class Dsse
{
    /// <summary>The payload type of an in-toto Statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The bytes a DSSE signature covers.</summary>
    public static byte[] PreAuthEncoding(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(
            "DSSEv1 " + type.Length.ToString(CultureInfo.InvariantCulture) + " ");
        var middle = Encoding.ASCII.GetBytes(" " + payload.Length.ToString(CultureInfo.InvariantCulture) + " ");
        var result = new byte[header.Length + type.Length + middle.Length + payload.Length];
        Buffer.BlockCopy(header, 0, result, 0, header.Length);
        Buffer.BlockCopy(type, 0, result, header.Length, type.Length);
        Buffer.BlockCopy(middle, 0, result, header.Length + type.Length, middle.Length);
        Buffer.BlockCopy(payload, 0, result, header.Length + type.Length + middle.Length, payload.Length);
        return result;
    }

    /// <summary>Signs a payload: one signature whose keyid is the signer's key hint.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, ISigner signer)
        => new(payloadType, payload, new[] { new DsseSignature(signer.PublicKey.Hint, signer.Sign(PreAuthEncoding(payloadType, payload))) });
}

/// <summary>One DSSE signature: the key id (an unauthenticated hint) and the signature bytes.</summary>
public sealed class DsseSignature
{
    /// <summary>Creates a signature entry.</summary>
    public DsseSignature(string keyId, byte[] signature)
    {
        KeyId = keyId;
        Signature = signature;
    }

    /// <summary>The key id; BuildGuard writes the key hint (base64 SHA-256 of the DER public key).</summary>
    public string KeyId { get; }

    /// <summary>The DER-encoded ECDSA signature over the PAE bytes.</summary>
    public byte[] Signature { get; }
}

/// <summary>A DSSE envelope: payload type, payload bytes and signatures.</summary>
public sealed class DsseEnvelope
{
    /// <summary>Creates an envelope.</summary>
    public DsseEnvelope(string payloadType, byte[] payload, IReadOnlyList<DsseSignature> signatures)
    {
        PayloadType = payloadType;
        Payload = payload;
        Signatures = signatures;
    }

    /// <summary>How to interpret the payload, e.g. <see cref="Dsse.InTotoPayloadType"/>.</summary>
    public string PayloadType { get; }

    /// <summary>The signed bytes (for in-toto: the Statement JSON).</summary>
    public byte[] Payload { get; }

    /// <summary>The signatures (a Sigstore bundle carries exactly one).</summary>
    public IReadOnlyList<DsseSignature> Signatures { get; }

    /// <summary>The bytes the signatures cover.</summary>
    public byte[] PreAuthEncoding() => Dsse.PreAuthEncoding(PayloadType, Payload);
}
