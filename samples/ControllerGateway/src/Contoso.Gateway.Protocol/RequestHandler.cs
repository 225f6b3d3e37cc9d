using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Protocol;

/// <summary>Answers one parsed request from the register map.</summary>
public sealed class RequestHandler
{
    private readonly GatewayConfiguration _configuration;
    private readonly RegisterMap _registers;

    /// <summary>Creates the handler.</summary>
    public RequestHandler(GatewayConfiguration configuration, RegisterMap registers)
    {
        _configuration = configuration;
        _registers = registers;
    }

    /// <summary>The response frame for a request, or null when the request is for another unit.</summary>
    [Implements("SR-4")]
    [Implements("TD-1-M")]
    public byte[]? Handle(ModbusFrame request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UnitId != _configuration.UnitId)
        {
            return null;
        }

        switch (request.Function)
        {
            case FunctionCode.ReadHoldingRegisters:
                var read = FrameParser.DecodeRead(request);
                if (read is null)
                {
                    return FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalDataValue);
                }

                var values = _registers.Read(read.Start, read.Count);
                return values is null
                    ? FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalDataAddress)
                    : FrameWriter.ReadResponse(request, values);

            case FunctionCode.WriteSingleRegister or FunctionCode.WriteMultipleRegisters:
                if (_configuration.ReadOnly)
                {
                    return FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalFunction);
                }

                var write = FrameParser.DecodeWrite(request);
                if (write is null)
                {
                    return FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalDataValue);
                }

                return _registers.Write(write.Start, write.Values)
                    ? FrameWriter.WriteResponse(request, write)
                    : FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalDataAddress);

            default:
                return FrameWriter.ExceptionResponse(request, ExceptionCode.IllegalFunction);
        }
    }
}
