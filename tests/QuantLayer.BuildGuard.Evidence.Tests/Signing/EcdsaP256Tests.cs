using System.Security.Cryptography;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Crypto;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

/// <summary>The deterministic P-256 signer (BouncyCastle) against RFC 6979's own vectors and the platform's ECDSA.</summary>
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
        var signature = P256.SignHash(Convert.FromHexString(RfcPrivateKey), SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(message)));
        Assert.Equal(r + s, Convert.ToHexString(signature).ToLowerInvariant());
    }

    [Theory]
    [InlineData("sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")]
    [InlineData("test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367", "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083")]
    public void The_public_signer_gives_the_RFC_6979_vectors_in_DER(string message, string r, string s)
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromScalar(Convert.FromHexString(RfcPrivateKey)), "RFC 6979 A.2.5 key");
        var der = signer.Sign(System.Text.Encoding.ASCII.GetBytes(message));
        Assert.Equal(r + s, Convert.ToHexString(EcdsaSignatureEncoding.FromDer(der)).ToLowerInvariant());
        Assert.Equal(der, signer.Sign(System.Text.Encoding.ASCII.GetBytes(message)));
    }

    [Theory]
    [InlineData("sample", "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60")]
    [InlineData("test", "d16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0")]
    public void The_first_nonce_equals_the_RFC_6979_vector(string message, string k)
    {
        var digest = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(message));
        var nonces = P256.DeterministicNonces();
        Assert.True(nonces.IsDeterministic);
        nonces.Init(P256.Order, new Org.BouncyCastle.Math.BigInteger(1, Convert.FromHexString(RfcPrivateKey)), digest);
        Assert.Equal(k, Convert.ToHexString(Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, nonces.NextK())).ToLowerInvariant());
    }

    [Fact]
    public void The_public_key_equals_the_RFC_6979_vector()
    {
        var (x, y) = P256.PublicKey(Convert.FromHexString(RfcPrivateKey));
        Assert.Equal(RfcUx, Convert.ToHexString(x).ToLowerInvariant());
        Assert.Equal(RfcUy, Convert.ToHexString(y).ToLowerInvariant());
        using var key = EcPrivateKey.FromScalar(Convert.FromHexString(RfcPrivateKey));
        Assert.Equal(RfcUx + RfcUy, Convert.ToHexString(key.PublicKey.X).ToLowerInvariant() + Convert.ToHexString(key.PublicKey.Y).ToLowerInvariant());
    }

    [Fact]
    public void The_curve_constants_equal_the_platforms()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var explicitParameters = ecdsa.ExportExplicitParameters(includePrivateParameters: false);
        var curve = P256.Domain.Curve;
        Assert.Equal(explicitParameters.Curve.Prime, Unsigned(curve.Field.Characteristic));
        Assert.Equal(explicitParameters.Curve.A, curve.A.GetEncoded());
        Assert.Equal(explicitParameters.Curve.B, curve.B.GetEncoded());
        Assert.Equal(explicitParameters.Curve.Order, Unsigned(P256.Order));
        Assert.Equal(explicitParameters.Curve.G.X, P256.Domain.G.AffineXCoord.GetEncoded());
        Assert.Equal(explicitParameters.Curve.G.Y, P256.Domain.G.AffineYCoord.GetEncoded());
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

            var signature = P256.SignHash(parameters.D!, SHA256.HashData(message));
            Assert.True(platform.VerifyData(message, signature, HashAlgorithmName.SHA256));
            Assert.Equal(signature, P256.SignHash(parameters.D!, SHA256.HashData(message)));
        }, iter: 40);
    }

    [Fact]
    public void Generated_keys_are_in_range_and_agree_with_the_platform()
    {
        for (var i = 0; i < 20; i++)
        {
            using var key = EcPrivateKey.Generate();
            var pkcs8 = key.ToPkcs8();
            using var platform = ECDsa.Create();
            platform.ImportPkcs8PrivateKey(pkcs8, out _);
            var parameters = platform.ExportParameters(includePrivateParameters: false);
            Assert.Equal(parameters.Q.X, key.PublicKey.X);
            Assert.Equal(parameters.Q.Y, key.PublicKey.Y);
        }
    }

    [Fact]
    public void Edge_scalars_give_the_right_points_and_out_of_range_scalars_are_refused()
    {
        var g = P256.Domain.G;
        var one = new byte[32];
        one[31] = 1;
        var (gx, gy) = P256.PublicKey(one);
        Assert.Equal(g.AffineXCoord.GetEncoded(), gx);
        Assert.Equal(g.AffineYCoord.GetEncoded(), gy);

        // (n − 1)·G = −G: the same x, and y = p − Gy.
        var (mx, my) = P256.PublicKey(Unsigned(P256.Order.Subtract(Org.BouncyCastle.Math.BigInteger.One)));
        Assert.Equal(gx, mx);
        Assert.Equal(Unsigned(P256.Domain.Curve.Field.Characteristic.Subtract(new Org.BouncyCastle.Math.BigInteger(1, gy))), my);
        Assert.True(P256.IsOnCurve(mx, my));

        Assert.Throws<CryptographicException>(() => EcPrivateKey.FromScalar(new byte[32]));
        Assert.Throws<CryptographicException>(() => EcPrivateKey.FromScalar(Unsigned(P256.Order)));
        Assert.Throws<CryptographicException>(() => EcPrivateKey.FromScalar(Enumerable.Repeat((byte)0xff, 32).ToArray()));
        Assert.Throws<CryptographicException>(() => EcPrivateKey.FromScalar(new byte[31]));
    }

    [Fact]
    public void Points_off_the_curve_or_outside_the_field_are_refused()
    {
        var (x, y) = P256.PublicKey(Convert.FromHexString(RfcPrivateKey));
        Assert.True(P256.IsOnCurve(x, y));
        var wrongY = (byte[])y.Clone();
        wrongY[31] ^= 1;
        Assert.False(P256.IsOnCurve(x, wrongY));
        Assert.Throws<FormatException>(() => EcPublicKey.FromCoordinates(x, wrongY));

        // Coordinates must be field elements: p itself (≡ 0) is refused, not reduced.
        var p = P256.Domain.Curve.Field.Characteristic;
        Assert.False(P256.IsOnCurve(Unsigned(p), y));
        Assert.False(P256.IsOnCurve(x, new byte[31]));
        Assert.Throws<FormatException>(() => EcPublicKey.FromCoordinates(new byte[32], new byte[32]));
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

    private static byte[] Unsigned(Org.BouncyCastle.Math.BigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
