using Contoso.Gateway.Protocol;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Protocol.Tests;

public sealed class FrameParserTests
{
    // Read 2 holding registers from address 1, transaction 0x0102, unit 1.
    private static readonly byte[] ReadRequest = { 0x01, 0x02, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x01, 0x00, 0x02 };

    [Fact]
    public void Parses_a_read_request()
    {
        Assert.Equal(FrameError.None, FrameParser.TryParse(ReadRequest, out var frame, out var consumed));
        Assert.Equal(ReadRequest.Length, consumed);
        Assert.Equal((ushort)0x0102, frame!.TransactionId);
        Assert.Equal(new ReadRegistersRequest(1, 2), FrameParser.DecodeRead(frame));
    }

    [Fact]
    public void Waits_for_the_rest_of_a_split_frame()
    {
        Assert.Equal(FrameError.Incomplete, FrameParser.TryParse(ReadRequest.AsSpan(0, 9), out _, out var consumed));
        Assert.Equal(0, consumed);
    }

    [Theory]
    [Trait("Requirement", "SR-2")]
    [InlineData(0x00, 0x01, FrameError.NotModbus)]
    [InlineData(0x00, 0x00, FrameError.None)]
    public void Rejects_other_protocols(byte high, byte low, FrameError expected)
    {
        var frame = (byte[])ReadRequest.Clone();
        frame[2] = high;
        frame[3] = low;
        Assert.Equal(expected, FrameParser.TryParse(frame, out _, out _));
    }

    [Theory]
    [Verifies("SR-1", Revision = 2)]
    [Verifies("TD-2-M")]
    [InlineData(0x0001)]
    [InlineData(0x0100)]
    [InlineData(0xFFFF)]
    public void Rejects_impossible_lengths(int length)
    {
        var frame = (byte[])ReadRequest.Clone();
        frame[4] = (byte)(length >> 8);
        frame[5] = (byte)length;
        Assert.Equal(FrameError.BadLength, FrameParser.TryParse(frame, out _, out _));
    }

    [Fact]
    [Verifies("SR-5")]
    [Verifies("TD-2-M")]
    public void Rejects_a_read_of_more_than_125_registers()
    {
        var frame = (byte[])ReadRequest.Clone();
        frame[10] = 0x00;
        frame[11] = 126;
        FrameParser.TryParse(frame, out var parsed, out _);
        Assert.Null(FrameParser.DecodeRead(parsed!));
    }

    [Fact]
    public void Decodes_a_write_multiple_request_and_checks_the_byte_count()
    {
        byte[] write = { 0, 1, 0, 0, 0, 11, 1, 0x10, 0, 4, 0, 2, 4, 0, 10, 1, 2 };
        Assert.Equal(FrameError.None, FrameParser.TryParse(write, out var frame, out _));
        var decoded = FrameParser.DecodeWrite(frame!);
        Assert.Equal((ushort)4, decoded!.Start);
        Assert.Equal(new ushort[] { 10, 258 }, decoded.Values);

        write[12] = 5;
        FrameParser.TryParse(write, out frame, out _);
        Assert.Null(FrameParser.DecodeWrite(frame!));
    }
}
