using System.Security.Cryptography;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Signs with a P-256 private key held in this process. Deterministic by default (RFC 6979
/// nonces, so identical inputs give byte-identical bundles; BouncyCastle's ECDSA, see
/// <see cref="P256"/>); with <c>deterministic: false</c> the platform's randomized ECDSA signs
/// instead, on both target frameworks. Either way the signature is verified with the
/// platform's ECDSA before it is returned.
/// </summary>
public sealed class EcdsaP256Signer : ISigner, IDisposable
{
    private readonly EcPrivateKey _key;
    private readonly bool _deterministic;

    /// <summary>Creates a signer; it owns (and disposes) <paramref name="key"/>.</summary>
    public EcdsaP256Signer(EcPrivateKey key, string description, bool deterministic = true)
    {
        _key = key;
        _deterministic = deterministic;
        Description = description;
    }

    /// <inheritdoc />
    public EcPublicKey PublicKey => _key.PublicKey;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public byte[] Sign(byte[] message)
    {
        byte[] p1363;
        if (_deterministic)
        {
            using var sha = SHA256.Create();
            p1363 = P256.SignHash(_key.Scalar, sha.ComputeHash(message));
        }
        else
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = (byte[])_key.Scalar.Clone(),
                Q = new ECPoint { X = _key.PublicKey.X, Y = _key.PublicKey.Y },
            });
            p1363 = ecdsa.SignData(message, HashAlgorithmName.SHA256);
        }

        var der = EcdsaSignatureEncoding.ToDer(p1363);
        if (!PublicKey.Verify(message, der))
        {
            throw new SigningException(BuildDiagnosticIds.InternalError, "a signature made with " + Description + " did not verify with its own public key; nothing was signed. Please report this.");
        }

        return der;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
