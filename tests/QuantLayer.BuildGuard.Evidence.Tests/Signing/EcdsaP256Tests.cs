using System.Security.Cryptography;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

/// <summary>The deterministic P-256 signer against RFC 6979's own vectors and the platform's ECDSA.</summary>
public sealed class EcdsaP256Tests
{
    // RFC 6979 appendix A.2.5 (P-256, SHA-256).
    private const string RfcPrivateKey = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    private const string RfcUx = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
    private const string RfcUy = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";

    [Theory]
    [InlineData("sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")]
    [InlineData("test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367", "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083")]
    public void Signatures_equal_the_RFC_6979_vectors(string message, string r, string s)
    {
        var signature = EcdsaP256.SignHash(Convert.FromHexString(RfcPrivateKey), SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(message)));
        Assert.Equal(r + s, Convert.ToHexString(signature).ToLowerInvariant());
    }

    [Theory]
    [InlineData("sample", "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60")]
    [InlineData("test", "d16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0")]
    public void The_first_nonce_equals_the_RFC_6979_vector(string message, string k)
    {
        var digest = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(message));
        var reduced = UnsignedInteger.ToBigEndian(P256Curve.Mod(UnsignedInteger.FromBigEndian(digest), P256Curve.N), 32);
        var first = Rfc6979.Nonces(Convert.FromHexString(RfcPrivateKey), reduced).First();
        Assert.Equal(k, Convert.ToHexString(UnsignedInteger.ToBigEndian(first, 32)).ToLowerInvariant());
    }

    [Fact]
    public void The_public_key_equals_the_RFC_6979_vector()
    {
        var (x, y) = EcdsaP256.PublicKey(Convert.FromHexString(RfcPrivateKey));
        Assert.Equal(RfcUx, Convert.ToHexString(x).ToLowerInvariant());
        Assert.Equal(RfcUy, Convert.ToHexString(y).ToLowerInvariant());
    }

    [Fact]
    public void The_curve_constants_equal_the_platforms()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var explicitParameters = ecdsa.ExportExplicitParameters(includePrivateParameters: false);
        Assert.Equal(P256Curve.P, UnsignedInteger.FromBigEndian(explicitParameters.Curve.Prime!));
        Assert.Equal(P256Curve.A, UnsignedInteger.FromBigEndian(explicitParameters.Curve.A!));
        Assert.Equal(P256Curve.B, UnsignedInteger.FromBigEndian(explicitParameters.Curve.B!));
        Assert.Equal(P256Curve.N, UnsignedInteger.FromBigEndian(explicitParameters.Curve.Order!));
        Assert.Equal(P256Curve.Gx, UnsignedInteger.FromBigEndian(explicitParameters.Curve.G.X!));
        Assert.Equal(P256Curve.Gy, UnsignedInteger.FromBigEndian(explicitParameters.Curve.G.Y!));
    }

    [Fact]
    public void Derived_public_keys_and_signatures_agree_with_the_platform_for_random_keys_and_messages()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, int.MaxValue]).Sample((message, _) =>
        {
            using var platform = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = platform.ExportParameters(includePrivateParameters: true);
            using var key = EcPrivateKey.FromScalar(parameters.D!);
            Assert.Equal(parameters.Q.X, key.PublicKey.X);
            Assert.Equal(parameters.Q.Y, key.PublicKey.Y);

            var signature = EcdsaP256.SignHash(parameters.D!, SHA256.HashData(message));
            Assert.True(platform.VerifyData(message, signature, HashAlgorithmName.SHA256));
            Assert.Equal(signature, EcdsaP256.SignHash(parameters.D!, SHA256.HashData(message)));
        }, iter: 40);
    }

    [Fact]
    public void The_fixed_base_table_gives_the_same_points_as_double_and_add()
    {
        Gen.Byte.Array[1, 41].Sample(bytes =>
        {
            var k = UnsignedInteger.FromBigEndian(bytes);
            Assert.Equal(P256Curve.Multiply(k, P256Curve.Gx, P256Curve.Gy), P256Curve.MultiplyBase(k));
        }, iter: 60);
        Assert.Null(P256Curve.MultiplyBase(System.Numerics.BigInteger.Zero));
        Assert.Null(P256Curve.MultiplyBase(P256Curve.N));
        Assert.Null(P256Curve.MultiplyBase(P256Curve.N * 12345));
        var minusG = P256Curve.MultiplyBase(P256Curve.N - 1)!.Value;
        Assert.Equal(P256Curve.Gx, minusG.X);
        Assert.Equal(P256Curve.P - P256Curve.Gy, minusG.Y);
        Assert.True(P256Curve.IsOnCurve(minusG.X, minusG.Y));
    }

    [Fact]
    public void Der_and_P1363_round_trip_and_malformed_der_is_rejected()
    {
        Gen.Byte.Array[64].Sample(raw =>
        {
            raw[0] &= 0x7f; // keep r below n
            raw[32] &= 0x7f;
            raw[31] |= 1;
            raw[63] |= 1;
            var der = EcdsaSignatureEncoding.ToDer(raw);
            Assert.Equal(raw, EcdsaSignatureEncoding.FromDer(der));
        }, iter: 200);
        Assert.Throws<FormatException>(() => EcdsaSignatureEncoding.FromDer(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }));
        Assert.Throws<FormatException>(() => EcdsaSignatureEncoding.FromDer(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00 }));
    }
}
