using System.Buffers.Binary;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Protocol;

/// <summary>Why a frame was rejected.</summary>
public enum FrameError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>Fewer bytes than the header announces.</summary>
    Incomplete,

    /// <summary>The protocol identifier is not 0 (not Modbus).</summary>
    NotModbus,

    /// <summary>The length field is outside what Modbus/TCP allows.</summary>
    BadLength,

    /// <summary>The function code is not supported.</summary>
    UnsupportedFunction,

    /// <summary>The PDU does not match its function code.</summary>
    MalformedPdu,
}

/// <summary>
/// Parses Modbus/TCP frames received from the network. Every length and count is checked before
/// use: frames come from field devices and must be treated as untrusted input.
/// </summary>
public static class FrameParser
{
    /// <summary>Parses one frame from the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Bytes received so far.</param>
    /// <param name="frame">The frame, when the result is <see cref="FrameError.None"/>.</param>
    /// <param name="consumed">How many bytes the frame used.</param>
    /// <returns>The parse result.</returns>
    [Implements("SR-1", Revision = 2)]
    [Implements("SR-2")]
    [Implements("TD-2-M")]
    public static FrameError TryParse(ReadOnlySpan<byte> buffer, out ModbusFrame? frame, out int consumed)
    {
        frame = null;
        consumed = 0;
        if (buffer.Length < ModbusFrame.HeaderLength + 1)
        {
            return FrameError.Incomplete;
        }

        var transactionId = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[4..]);
        if (protocolId != 0)
        {
            return FrameError.NotModbus;
        }

        // The length counts the unit id and the PDU: at least unit id + function code.
        if (length < 2 || ModbusFrame.HeaderLength - 1 + length > ModbusFrame.MaxFrameLength)
        {
            return FrameError.BadLength;
        }

        var total = ModbusFrame.HeaderLength - 1 + length;
        if (buffer.Length < total)
        {
            return FrameError.Incomplete;
        }

        var unitId = buffer[6];
        var function = buffer[7];
        if (!Enum.IsDefined(typeof(FunctionCode), function))
        {
            consumed = total;
            return FrameError.UnsupportedFunction;
        }

        frame = new ModbusFrame(transactionId, unitId, (FunctionCode)function, buffer[8..total].ToArray());
        consumed = total;
        return FrameError.None;
    }

    /// <summary>Decodes a read-holding-registers PDU (quantity 1..125).</summary>
    [Implements("SR-5")]
    [Implements("TD-2-M")]
    public static ReadRegistersRequest? DecodeRead(ModbusFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var data = frame.Data.Span;
        if (frame.Function != FunctionCode.ReadHoldingRegisters || data.Length != 4)
        {
            return null;
        }

        var start = BinaryPrimitives.ReadUInt16BigEndian(data);
        var count = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        return count is >= 1 and <= 125 ? new ReadRegistersRequest(start, count) : null;
    }

    /// <summary>Decodes a write-single or write-multiple PDU (quantity 1..123, byte count consistent).</summary>
    [Implements("SR-1", Revision = 2)]
    public static WriteRegistersRequest? DecodeWrite(ModbusFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var data = frame.Data.Span;
        switch (frame.Function)
        {
            case FunctionCode.WriteSingleRegister when data.Length == 4:
                return new WriteRegistersRequest(
                    BinaryPrimitives.ReadUInt16BigEndian(data),
                    new[] { BinaryPrimitives.ReadUInt16BigEndian(data[2..]) });

            case FunctionCode.WriteMultipleRegisters when data.Length >= 5:
                var start = BinaryPrimitives.ReadUInt16BigEndian(data);
                var count = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
                var byteCount = data[4];
                if (count is < 1 or > 123 || byteCount != count * 2 || data.Length != 5 + byteCount)
                {
                    return null;
                }

                var values = new ushort[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(5 + (2 * i))..]);
                }

                return new WriteRegistersRequest(start, values);

            default:
                return null;
        }
    }
}
