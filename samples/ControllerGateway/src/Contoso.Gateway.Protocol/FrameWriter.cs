using System.Buffers.Binary;

namespace Contoso.Gateway.Protocol;

/// <summary>Builds Modbus/TCP responses.</summary>
public static class FrameWriter
{
    /// <summary>A read response carrying <paramref name="values"/>.</summary>
    public static byte[] ReadResponse(ModbusFrame request, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(values);
        var pdu = new byte[2 + (2 * values.Count)];
        pdu[0] = (byte)FunctionCode.ReadHoldingRegisters;
        pdu[1] = checked((byte)(2 * values.Count));
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2 + (2 * i)), values[i]);
        }

        return Frame(request, pdu);
    }

    /// <summary>
    /// The response to a write: write-single echoes address and value, write-multiple answers
    /// with the start address and the number of registers written.
    /// </summary>
    public static byte[] WriteResponse(ModbusFrame request, WriteRegistersRequest write)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(write);
        var pdu = new byte[5];
        pdu[0] = (byte)request.Function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), write.Start);
        BinaryPrimitives.WriteUInt16BigEndian(
            pdu.AsSpan(3),
            request.Function == FunctionCode.WriteSingleRegister ? write.Values[0] : (ushort)write.Values.Count);
        return Frame(request, pdu);
    }

    /// <summary>An exception response for <paramref name="request"/>.</summary>
    public static byte[] ExceptionResponse(ModbusFrame request, ExceptionCode code)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Frame(request, new[] { (byte)((byte)request.Function | 0x80), (byte)code });
    }

    private static byte[] Frame(ModbusFrame request, byte[] pdu)
    {
        var frame = new byte[ModbusFrame.HeaderLength + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, request.TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = request.UnitId;
        pdu.CopyTo(frame, ModbusFrame.HeaderLength);
        return frame;
    }
}
