namespace Contoso.Gateway.Protocol;

/// <summary>Modbus function codes the gateway understands.</summary>
public enum FunctionCode : byte
{
    /// <summary>Read holding registers (0x03).</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>Write single register (0x06).</summary>
    WriteSingleRegister = 0x06,

    /// <summary>Write multiple registers (0x10).</summary>
    WriteMultipleRegisters = 0x10,
}

/// <summary>Modbus exception codes returned to the client.</summary>
public enum ExceptionCode : byte
{
    /// <summary>The function code is not supported.</summary>
    IllegalFunction = 0x01,

    /// <summary>The register address is outside the map.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>A value in the request is not allowed.</summary>
    IllegalDataValue = 0x03,
}

/// <summary>A Modbus/TCP application data unit: MBAP header and PDU.</summary>
/// <param name="TransactionId">Echoed back in the response.</param>
/// <param name="UnitId">The addressed unit (slave id).</param>
/// <param name="Function">The function code.</param>
/// <param name="Data">The PDU data after the function code.</param>
public sealed record ModbusFrame(ushort TransactionId, byte UnitId, FunctionCode Function, ReadOnlyMemory<byte> Data)
{
    /// <summary>Size of the MBAP header in bytes.</summary>
    public const int HeaderLength = 7;

    /// <summary>Largest ADU a Modbus/TCP peer may send (MBAP + 253 bytes of PDU).</summary>
    public const int MaxFrameLength = HeaderLength + 253;
}

/// <summary>A read of <paramref name="Count"/> holding registers from <paramref name="Start"/>.</summary>
public sealed record ReadRegistersRequest(ushort Start, ushort Count);

/// <summary>A write of <paramref name="Values"/> starting at <paramref name="Start"/>.</summary>
public sealed record WriteRegistersRequest(ushort Start, IReadOnlyList<ushort> Values);
