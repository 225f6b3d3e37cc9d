using System.Buffers.Binary;
using System.Text;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Component;

/// <summary>A telemetry sample: a tag name, a value and its timestamp.</summary>
/// <param name="Tag">The tag (1..64 ASCII letters, digits, '.', '_' or '-').</param>
/// <param name="Value">The measured value.</param>
/// <param name="Timestamp">When it was measured.</param>
public sealed record TelemetryRecord(string Tag, double Value, DateTimeOffset Timestamp);

/// <summary>
/// Encodes and decodes telemetry records in a length-prefixed binary form. Decoding treats its
/// input as untrusted: every length is checked before use and malformed input is rejected.
/// </summary>
public static class TelemetryCodec
{
    /// <summary>The largest tag length accepted.</summary>
    public const int MaxTagLength = 64;

    /// <summary>Encodes a record.</summary>
    [Implements("SR-2")]
    public static byte[] Encode(TelemetryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsValidTag(record.Tag))
        {
            throw new ArgumentException("The tag must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.", nameof(record));
        }

        var tag = Encoding.ASCII.GetBytes(record.Tag);
        var buffer = new byte[1 + tag.Length + 8 + 8];
        buffer[0] = (byte)tag.Length;
        tag.CopyTo(buffer, 1);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(1 + tag.Length), record.Value);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(9 + tag.Length), record.Timestamp.ToUnixTimeMilliseconds());
        return buffer;
    }

    /// <summary>Decodes a record, or returns null when the input is malformed.</summary>
    [Implements("SR-1")]
    [Implements("M-1")]
    public static TelemetryRecord? TryDecode(ReadOnlySpan<byte> input)
    {
        if (input.Length < 1)
        {
            return null;
        }

        var tagLength = input[0];
        if (tagLength is 0 or > MaxTagLength || input.Length != 1 + tagLength + 16)
        {
            return null;
        }

        var tag = Encoding.ASCII.GetString(input.Slice(1, tagLength));
        if (!IsValidTag(tag))
        {
            return null;
        }

        var value = BinaryPrimitives.ReadDoubleBigEndian(input.Slice(1 + tagLength));
        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(input.Slice(9 + tagLength));
        if (double.IsNaN(value) || milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return null;
        }

        return new TelemetryRecord(tag, value, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
    }

    /// <summary>True when a tag is 1..64 characters from the allowed set.</summary>
    [Implements("SR-2")]
    public static bool IsValidTag(string? tag)
        => tag is { Length: > 0 and <= MaxTagLength } && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
