using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// A Sigstore bundle v0.3 (sigstore protobuf-specs <c>dev.sigstore.bundle.v1.Bundle</c>) for a
/// keyed signature: <c>verificationMaterial.publicKey.hint</c> names the key, and the content is
/// either a DSSE envelope (an in-toto attestation) or a message signature over a file. Written
/// in the protobuf JSON mapping (camelCase names, bytes as standard base64, enums by name,
/// fields in field-number order, empty fields left out), so cosign, sigstore-js and sigstore-go
/// read it. Keyed bundles carry no transparency-log entry or timestamp: they verify offline
/// against a public key the operator already trusts.
/// </summary>
public sealed class SigstoreBundle
{
    /// <summary>The v0.3 media type BuildGuard writes.</summary>
    public const string MediaTypeV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>The file name suffix of a bundle beside its artifact.</summary>
    public const string FileSuffix = ".sigstore.json";

    private static readonly string[] AcceptedMediaTypes =
    {
        MediaTypeV03,
        "application/vnd.dev.sigstore.bundle+json;version=0.3",
        "application/vnd.dev.sigstore.bundle+json;version=0.2",
        "application/vnd.dev.sigstore.bundle+json;version=0.1",
    };

    private SigstoreBundle(string mediaType, string keyHint, DsseEnvelope? envelope, MessageSignature? message)
    {
        MediaType = mediaType;
        KeyHint = keyHint;
        Envelope = envelope;
        Message = message;
    }

    /// <summary>The bundle's media type.</summary>
    public string MediaType { get; }

    /// <summary>The public key hint (base64 SHA-256 of the DER public key); may be empty in bundles from others.</summary>
    public string KeyHint { get; }

    /// <summary>The DSSE envelope, when the bundle carries an attestation.</summary>
    public DsseEnvelope? Envelope { get; }

    /// <summary>The message signature, when the bundle signs a file directly.</summary>
    public MessageSignature? Message { get; }

    /// <summary>A bundle with a DSSE envelope signed by the key named by <paramref name="keyHint"/>.</summary>
    public static SigstoreBundle ForEnvelope(DsseEnvelope envelope, string keyHint)
    {
        if (envelope.Signatures.Count != 1)
        {
            throw new ArgumentException("a Sigstore bundle's DSSE envelope carries exactly one signature", nameof(envelope));
        }

        return new SigstoreBundle(MediaTypeV03, keyHint, envelope, null);
    }

    /// <summary>A bundle with a message signature (<c>buildguard sign-blob</c>).</summary>
    public static SigstoreBundle ForMessage(MessageSignature message, string keyHint) => new(MediaTypeV03, keyHint, null, message);

    /// <summary>Signs an in-toto Statement into a bundle.</summary>
    public static SigstoreBundle SignStatement(InTotoStatement statement, ISigner signer)
        => ForEnvelope(statement.Sign(signer), signer.PublicKey.Hint);

    /// <summary>Signs a file's bytes into a message-signature bundle.</summary>
    public static SigstoreBundle SignMessage(byte[] content, ISigner signer)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return ForMessage(new MessageSignature(MessageSignature.Sha256, sha.ComputeHash(content), signer.Sign(content)), signer.PublicKey.Hint);
    }

    /// <summary>The bundle as indented JSON (LF, final newline), byte-identical for identical content.</summary>
    public byte[] ToJson() => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", MediaType);
        writer.WriteStartObject("verificationMaterial");
        writer.WriteStartObject("publicKey");
        if (KeyHint.Length > 0)
        {
            writer.WriteString("hint", KeyHint);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        if (Message is not null)
        {
            writer.WriteStartObject("messageSignature");
            writer.WriteStartObject("messageDigest");
            writer.WriteString("algorithm", Message.Algorithm);
            writer.WriteString("digest", Convert.ToBase64String(Message.Digest));
            writer.WriteEndObject();
            writer.WriteString("signature", Convert.ToBase64String(Message.Signature));
            writer.WriteEndObject();
        }
        else
        {
            var envelope = Envelope!;
            writer.WriteStartObject("dsseEnvelope");
            writer.WriteString("payload", Convert.ToBase64String(envelope.Payload));
            writer.WriteString("payloadType", envelope.PayloadType);
            writer.WriteStartArray("signatures");
            foreach (var signature in envelope.Signatures)
            {
                writer.WriteStartObject();
                writer.WriteString("sig", Convert.ToBase64String(signature.Signature));
                if (signature.KeyId.Length > 0)
                {
                    writer.WriteString("keyid", signature.KeyId);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    });

    /// <summary>
    /// Reads a bundle (v0.1–v0.3 media types; protobuf JSON names in camelCase or snake_case;
    /// standard or URL-safe base64). Throws <see cref="FormatException"/> saying what is wrong;
    /// certificate-based (keyless) bundles are refused with an explanation.
    /// </summary>
    public static SigstoreBundle Parse(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DeterministicJson.ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the bundle is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString on invalid UTF-8.
                throw new FormatException("the bundle contains text that is not valid UTF-8");
            }
        }
    }

    private static SigstoreBundle Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the bundle is not a JSON object");
        }

        var mediaType = String(root, "mediaType", "media_type") ?? throw new FormatException("the bundle has no mediaType");
        if (Array.IndexOf(AcceptedMediaTypes, mediaType) < 0)
        {
            throw new FormatException($"the bundle's mediaType '{mediaType}' is not a Sigstore bundle media type (expected '{MediaTypeV03}')");
        }

        var material = Object(root, "verificationMaterial", "verification_material") ?? throw new FormatException("the bundle has no verificationMaterial");
        if (Object(material, "certificate") is not null || Object(material, "x509CertificateChain", "x509_certificate_chain") is not null)
        {
            throw new FormatException("the bundle is certificate-based (Sigstore keyless signing); BuildGuard verifies keyed bundles offline against a trusted public key, use cosign or sigstore for keyless bundles");
        }

        var publicKey = Object(material, "publicKey", "public_key") ?? throw new FormatException("the bundle's verificationMaterial has no publicKey");
        var hint = String(publicKey, "hint") ?? string.Empty;

        var envelopeElement = Object(root, "dsseEnvelope", "dsse_envelope");
        var messageElement = Object(root, "messageSignature", "message_signature");
        if ((envelopeElement is null) == (messageElement is null))
        {
            throw new FormatException("the bundle must carry exactly one of dsseEnvelope and messageSignature");
        }

        if (envelopeElement is { } env)
        {
            var payload = Bytes(env, "payload") ?? throw new FormatException("the DSSE envelope has no payload");
            var payloadType = String(env, "payloadType", "payload_type") ?? throw new FormatException("the DSSE envelope has no payloadType");
            if (!env.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the DSSE envelope has no signatures");
            }

            if (signatures.GetArrayLength() != 1)
            {
                throw new FormatException($"the DSSE envelope has {signatures.GetArrayLength()} signatures; a Sigstore bundle carries exactly one");
            }

            var list = signatures.EnumerateArray().Select(s => new DsseSignature(
                String(s, "keyid") ?? string.Empty,
                Bytes(s, "sig") ?? throw new FormatException("the DSSE signature has no sig"))).ToList();
            return new SigstoreBundle(mediaType, hint, new DsseEnvelope(payloadType, payload, list), null);
        }

        var message = messageElement!.Value;
        var digest = Object(message, "messageDigest", "message_digest") ?? throw new FormatException("the message signature has no messageDigest");
        var algorithm = digest.TryGetProperty("algorithm", out var a) ? (a.ValueKind == JsonValueKind.String ? a.GetString()! : a.ToString()) : "HASH_ALGORITHM_UNSPECIFIED";
        return new SigstoreBundle(mediaType, hint, null, new MessageSignature(
            algorithm,
            Bytes(digest, "digest") ?? throw new FormatException("the messageDigest has no digest"),
            Bytes(message, "signature") ?? throw new FormatException("the message signature has no signature")));
    }

    private static JsonElement? Object(JsonElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value.ValueKind == JsonValueKind.Object ? value : throw new FormatException($"'{name}' must be an object");
            }
        }

        return null;
    }

    private static string? String(JsonElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"'{name}' must be a string");
            }
        }

        return null;
    }

    private static byte[]? Bytes(JsonElement parent, string name)
    {
        var text = String(parent, name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return DecodeBase64(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{name}' is not valid base64");
        }
    }

    /// <summary>
    /// Decodes a bytes field as the protobuf JSON mapping writes it: standard or URL-safe base64,
    /// padded or not. Throws <see cref="FormatException"/>.
    /// </summary>
    public static byte[] DecodeBase64(string text)
    {
        var normalized = text.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        return Convert.FromBase64String(normalized);
    }
}

/// <summary>A signature over a file's bytes, with the file's digest (protobuf <c>MessageSignature</c>).</summary>
public sealed class MessageSignature
{
    /// <summary>The protobuf JSON name of SHA-256 in <c>HashAlgorithm</c>.</summary>
    public const string Sha256 = "SHA2_256";

    /// <summary>Creates a message signature.</summary>
    public MessageSignature(string algorithm, byte[] digest, byte[] signature)
    {
        Algorithm = algorithm;
        Digest = digest;
        Signature = signature;
    }

    /// <summary>The digest algorithm's protobuf enum name (<c>SHA2_256</c>).</summary>
    public string Algorithm { get; }

    /// <summary>The file's digest (identifies the file; the signature is verified over the file itself).</summary>
    public byte[] Digest { get; }

    /// <summary>The DER-encoded ECDSA signature over SHA-256 of the file.</summary>
    public byte[] Signature { get; }
}
