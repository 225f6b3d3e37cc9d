using System.Security.Cryptography;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>
/// Signed-note keys for BuildGuard's ECDSA P-256 signing keys. c2sp.org/signed-note assigns
/// signature type 0x02 to ECDSA (as github.com/transparency-dev/witness implements it): the
/// signature is the ASN.1 DER ECDSA signature over SHA-256 of the note text, and the key id is the
/// first four bytes (big-endian) of SHA-256 of the DER SubjectPublicKeyInfo. The key name is the
/// log's origin (c2sp.org/tlog-checkpoint).
/// </summary>
public static class EcdsaNoteKeys
{
    /// <summary>The signed-note signature type of ECDSA.</summary>
    public const byte SignatureType = 0x02;

    /// <summary>The key id of a P-256 public key: SHA-256(SubjectPublicKeyInfo)[:4], big-endian.</summary>
    public static uint KeyId(EcPublicKey key)
    {
        // The key hint is base64 of the same SHA-256 (cosign's convention): no second hash.
        var hash = Convert.FromBase64String(key.Hint);
        return ((uint)hash[0] << 24) | ((uint)hash[1] << 16) | ((uint)hash[2] << 8) | hash[3];
    }
}

/// <summary>Signs checkpoints with a BuildGuard signer (in-process key or external command).</summary>
public sealed class EcdsaNoteSigner : INoteSigner
{
    private readonly ISigner _signer;

    /// <summary>Creates a note signer named <paramref name="keyName"/> (the log origin).</summary>
    public EcdsaNoteSigner(string keyName, ISigner signer)
    {
        KeyName = keyName;
        _signer = signer;
        KeyId = EcdsaNoteKeys.KeyId(signer.PublicKey);
    }

    /// <inheritdoc />
    public string KeyName { get; }

    /// <inheritdoc />
    public uint KeyId { get; }

    /// <inheritdoc />
    public byte[] Sign(byte[] text) => _signer.Sign(text);
}

/// <summary>Verifies checkpoint signatures made with a trusted P-256 public key (one platform key object per thread; safe to use from several threads).</summary>
public sealed class EcdsaNoteVerifier : NoteVerifier, IDisposable
{
    private readonly ThreadLocal<ECDsa> _ecdsa;

    /// <summary>Creates a verifier for <paramref name="key"/> under the key name <paramref name="keyName"/> (the log origin).</summary>
    public EcdsaNoteVerifier(string keyName, EcPublicKey key)
    {
        KeyName = keyName;
        Key = key;
        KeyId = EcdsaNoteKeys.KeyId(key);
        _ecdsa = new ThreadLocal<ECDsa>(
            () => ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key.X, Y = key.Y },
            }),
            trackAllValues: true);
    }

    /// <summary>The public key.</summary>
    public EcPublicKey Key { get; }

    /// <inheritdoc />
    public override string KeyName { get; }

    /// <inheritdoc />
    public override uint KeyId { get; }

    /// <inheritdoc />
    public override bool Verify(byte[] text, byte[] signature)
    {
        byte[] p1363;
        try
        {
            p1363 = EcdsaSignatureEncoding.FromDer(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return _ecdsa.Value!.VerifyData(text, p1363, HashAlgorithmName.SHA256);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var ecdsa in _ecdsa.Values)
        {
            ecdsa.Dispose();
        }

        _ecdsa.Dispose();
    }
}
