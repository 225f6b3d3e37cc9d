namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Something that signs bytes with an ECDSA P-256 key: an in-process key (<see cref="EcdsaP256Signer"/>)
/// or an external signer command (<see cref="ExternalCommandSigner"/>, how an HSM, KMS or cloud signer
/// plugs in). Every signature is checked against <see cref="PublicKey"/> before it is returned.
/// </summary>
public interface ISigner
{
    /// <summary>The public key that verifies this signer's signatures.</summary>
    EcPublicKey PublicKey { get; }

    /// <summary>Where the key comes from, for messages: never contains key material.</summary>
    string Description { get; }

    /// <summary>
    /// Signs SHA-256(<paramref name="message"/>) and returns the DER-encoded ECDSA signature.
    /// Throws <see cref="SigningException"/> with a diagnostic id and what to do.
    /// </summary>
    byte[] Sign(byte[] message);
}

/// <summary>Signing failed; <see cref="Id"/> is the QLB diagnostic to report.</summary>
public sealed class SigningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SigningException(string id, string message)
        : base(message)
    {
        Id = id;
    }

    /// <summary>The diagnostic id (QLB3030–3059).</summary>
    public string Id { get; }
}
