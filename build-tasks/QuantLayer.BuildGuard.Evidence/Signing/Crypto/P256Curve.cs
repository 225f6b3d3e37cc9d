using System.Globalization;
using System.Numerics;

namespace QuantLayer.BuildGuard.Evidence.Signing.Crypto;

/// <summary>
/// Arithmetic on the NIST P-256 curve (secp256r1, FIPS 186-4 D.1.2.3), enough to compute
/// <c>k·G</c> for deterministic ECDSA signing and <c>d·G</c> for deriving a public key.
/// Verification never uses this class: it goes through the platform's ECDSA.
/// Points are kept in Jacobian coordinates (X, Y, Z) with x = X/Z², y = Y/Z³; Z = 0 is the
/// point at infinity. <see cref="System.Numerics.BigInteger"/> is not constant-time: callers
/// blind the scalar (see <see cref="EcdsaP256"/>), so the bits processed differ on every call.
/// </summary>
internal static class P256Curve
{
    /// <summary>The field prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1.</summary>
    public static readonly BigInteger P = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

    /// <summary>The coefficient b of y² = x³ − 3x + b.</summary>
    public static readonly BigInteger B = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    /// <summary>The order n of the base point.</summary>
    public static readonly BigInteger N = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    /// <summary>The base point's x coordinate.</summary>
    public static readonly BigInteger Gx = Hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");

    /// <summary>The base point's y coordinate.</summary>
    public static readonly BigInteger Gy = Hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

    /// <summary>The coefficient a = −3 mod p.</summary>
    public static readonly BigInteger A = P - 3;

    /// <summary>True when (x, y) satisfies the curve equation with both coordinates in [0, p).</summary>
    public static bool IsOnCurve(BigInteger x, BigInteger y)
    {
        if (x.Sign < 0 || y.Sign < 0 || x >= P || y >= P)
        {
            return false;
        }

        var left = y * y % P;
        var right = Mod((x * x % P * x) - (3 * x) + B);
        return left == right;
    }

    /// <summary>Bits covered by the fixed-base table: a 256-bit scalar blinded with a 64-bit multiple of n.</summary>
    public const int BaseTableBits = 4 * BaseWindows;

    private const int BaseWindows = 81;

    // Fixed-base table: row i holds j·16^i·G for j = 0..15 (Jacobian), built once per process
    // (about 1 500 group operations). k·G then costs at most one addition per 4-bit window.
    private static readonly Lazy<Jacobian[][]> BaseTable = new(BuildBaseTable);

    /// <summary>
    /// Computes <paramref name="k"/>·G (fixed-base 4-bit windows over a precomputed table) and
    /// returns its affine coordinates; null for the point at infinity.
    /// </summary>
    public static (BigInteger X, BigInteger Y)? MultiplyBase(BigInteger k)
    {
        if (k.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), "negative scalar");
        }

        var bytes = k.ToByteArray();
        if (BitLength(k) > BaseTableBits)
        {
            return Multiply(k, Gx, Gy);
        }

        var table = BaseTable.Value;
        var result = Jacobian.Infinity;
        for (var window = 0; window < BaseWindows; window++)
        {
            var index = window / 2;
            var nibble = index < bytes.Length ? (bytes[index] >> (4 * (window % 2))) & 0xF : 0;
            if (nibble != 0)
            {
                result = Add(result, table[window][nibble]);
            }
        }

        return ToAffine(result);
    }

    /// <summary>Computes <paramref name="k"/>·(x, y) (left-to-right double and add, no table); null for the point at infinity.</summary>
    public static (BigInteger X, BigInteger Y)? Multiply(BigInteger k, BigInteger x, BigInteger y)
    {
        if (k.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), "negative scalar");
        }

        var result = Jacobian.Infinity;
        var point = new Jacobian(x, y, BigInteger.One);
        var bits = BitLength(k);
        for (var i = bits - 1; i >= 0; i--)
        {
            result = Double(result);
            if (!(k >> i).IsEven)
            {
                result = Add(result, point);
            }
        }

        return ToAffine(result);
    }

    /// <summary>The number of significant bits of a non-negative integer.</summary>
    public static int BitLength(BigInteger value)
    {
        var bytes = value.ToByteArray();
        var top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
        {
            top--;
        }

        var bits = top * 8;
        for (int b = bytes[top]; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>The modular inverse of <paramref name="value"/> modulo a prime (Fermat).</summary>
    public static BigInteger Inverse(BigInteger value, BigInteger prime) => BigInteger.ModPow(Mod(value, prime), prime - 2, prime);

    /// <summary><paramref name="value"/> reduced into [0, <paramref name="modulus"/>).</summary>
    public static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }

    private static BigInteger Mod(BigInteger value) => Mod(value, P);

    private static (BigInteger X, BigInteger Y)? ToAffine(Jacobian point)
    {
        if (point.Z.IsZero)
        {
            return null;
        }

        var zInverse = Inverse(point.Z, P);
        var zInverse2 = zInverse * zInverse % P;
        return (point.X * zInverse2 % P, point.Y * (zInverse2 * zInverse % P) % P);
    }

    // Doubling for a = −3 ("dbl-2001-b" in the Explicit-Formulas Database).
    private static Jacobian Double(Jacobian p)
    {
        if (p.Z.IsZero || p.Y.IsZero)
        {
            return Jacobian.Infinity;
        }

        var delta = p.Z * p.Z % P;
        var gamma = p.Y * p.Y % P;
        var beta = p.X * gamma % P;
        var alpha = 3 * Mod(p.X - delta) * ((p.X + delta) % P) % P;
        var x3 = Mod((alpha * alpha) - (8 * beta));
        var z3 = Mod(((p.Y + p.Z) * (p.Y + p.Z)) - gamma - delta);
        var y3 = Mod((alpha * Mod((4 * beta) - x3)) - (8 * (gamma * gamma % P)));
        return new Jacobian(x3, y3, z3);
    }

    // General addition ("add-2007-bl"), with the exceptional cases handled explicitly.
    private static Jacobian Add(Jacobian p, Jacobian q)
    {
        if (p.Z.IsZero)
        {
            return q;
        }

        if (q.Z.IsZero)
        {
            return p;
        }

        var z1z1 = p.Z * p.Z % P;
        var z2z2 = q.Z * q.Z % P;
        var u1 = p.X * z2z2 % P;
        var u2 = q.X * z1z1 % P;
        var s1 = p.Y * q.Z % P * z2z2 % P;
        var s2 = q.Y * p.Z % P * z1z1 % P;
        var h = Mod(u2 - u1);
        var r = Mod(2 * (s2 - s1));
        if (h.IsZero)
        {
            return r.IsZero ? Double(p) : Jacobian.Infinity;
        }

        var i = 4 * h * h % P;
        var j = h * i % P;
        var v = u1 * i % P;
        var x3 = Mod((r * r) - j - (2 * v));
        var y3 = Mod((r * Mod(v - x3)) - (2 * s1 * j));
        var z3 = Mod((((p.Z + q.Z) * (p.Z + q.Z)) - z1z1 - z2z2) * h);
        return new Jacobian(x3, y3, z3);
    }

    private static Jacobian[][] BuildBaseTable()
    {
        var table = new Jacobian[BaseWindows][];
        var point = new Jacobian(Gx, Gy, BigInteger.One);
        for (var window = 0; window < BaseWindows; window++)
        {
            var row = new Jacobian[16];
            row[0] = Jacobian.Infinity;
            row[1] = point;
            for (var j = 2; j < 16; j++)
            {
                row[j] = Add(row[j - 1], point);
            }

            table[window] = row;
            point = Double(Double(Double(Double(point))));
        }

        return table;
    }

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly struct Jacobian
    {
        public Jacobian(BigInteger x, BigInteger y, BigInteger z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public static Jacobian Infinity => new(BigInteger.One, BigInteger.One, BigInteger.Zero);

        public BigInteger X { get; }

        public BigInteger Y { get; }

        public BigInteger Z { get; }
    }
}
