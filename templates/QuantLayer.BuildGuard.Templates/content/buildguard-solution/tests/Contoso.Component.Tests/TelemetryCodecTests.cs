using Contoso.Component;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Component.Tests;

public sealed class TelemetryCodecTests
{
    [Fact]
    [Verifies("SR-1")]
    public void Round_trips_a_record()
    {
        var record = new TelemetryRecord("line1.pressure", 4.25, DateTimeOffset.FromUnixTimeMilliseconds(1_714_557_600_000));
        Assert.Equal(record, TelemetryCodec.TryDecode(TelemetryCodec.Encode(record)));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 65, 1, 2, 3 })]
    [InlineData(new byte[] { 3, (byte)'a', (byte)'b' })]
    [Verifies("SR-1")]
    [Verifies("M-1")]
    public void Rejects_malformed_input(byte[] input)
    {
        Assert.Null(TelemetryCodec.TryDecode(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [Verifies("SR-2")]
    public void Refuses_to_encode_an_invalid_tag(string tag)
    {
        Assert.Throws<ArgumentException>(() => TelemetryCodec.Encode(new TelemetryRecord(tag, 1, DateTimeOffset.UnixEpoch)));
    }
}
