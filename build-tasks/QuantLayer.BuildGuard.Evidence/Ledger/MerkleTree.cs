using System.Security.Cryptography;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>
/// The Merkle tree of RFC 6962 / RFC 9162 section 2.1 with SHA-256: leaf hash
/// SHA-256(0x00 || entry), interior node SHA-256(0x01 || left || right), the empty tree's hash
/// SHA-256(""). Holds every level of the tree, so the hash of any subtree the proofs need is a
/// lookup (perfect subtrees) or O(log n) work (the right edge): tree heads of every prefix,
/// inclusion proofs and consistency proofs cost O(log n) each (amortized). Not thread-safe.
/// </summary>
public sealed class MerkleTree
{
    /// <summary>Bytes in a hash.</summary>
    public const int HashSize = 32;

    // _levels[0] are the leaf hashes; _levels[k][i] is the root of the perfect subtree of the
    // 2^k leaves starting at i * 2^k.
    private readonly List<List<byte[]>> _levels = new() { new List<byte[]>() };

    // Hashes of the subtrees that are not perfect (the right edges of prefix trees), by range.
    // Leaves never change, so a range's hash never does: proofs and tree heads of consecutive
    // sizes share most of them, which makes each O(log n) instead of O(log² n).
    private readonly Dictionary<(long Start, long Count), byte[]> _edges = new();

    /// <summary>The number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Creates a tree over the given entries (leaf data).</summary>
    public static MerkleTree FromEntries(IEnumerable<byte[]> entries)
    {
        var tree = new MerkleTree();
        foreach (var entry in entries)
        {
            tree.Append(entry);
        }

        return tree;
    }

    /// <summary>Appends an entry (its leaf hash is computed) and returns its index.</summary>
    public long Append(byte[] entry) => AppendLeafHash(LeafHash(entry));

    /// <summary>Appends a leaf hash and returns its index.</summary>
    public long AppendLeafHash(byte[] leafHash)
    {
        if (leafHash.Length != HashSize)
        {
            throw new ArgumentException("a leaf hash has 32 bytes", nameof(leafHash));
        }

        var index = _levels[0].Count;
        _levels[0].Add(leafHash);
        var level = 0;
        var position = index;
        while ((position & 1) == 1)
        {
            var left = _levels[level][position - 1];
            var right = _levels[level][position];
            level++;
            if (_levels.Count == level)
            {
                _levels.Add(new List<byte[]>());
            }

            _levels[level].Add(NodeHash(left, right));
            position >>= 1;
        }

        return index;
    }

    /// <summary>The leaf hash of entry <paramref name="index"/>.</summary>
    public byte[] LeafHashAt(long index) => _levels[0][checked((int)index)];

    /// <summary>The tree head (root hash) of the first <paramref name="size"/> leaves.</summary>
    public byte[] RootHash(long size)
    {
        if (size < 0 || size > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"the tree has {Size} leaves");
        }

        return size == 0 ? EmptyRoot() : SubtreeHash(0, size);
    }

    /// <summary>The tree head of the whole tree.</summary>
    public byte[] RootHash() => RootHash(Size);

    /// <summary>The inclusion proof (audit path, RFC 9162 2.1.3.1) of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        if (size < 1 || size > Size || index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size} (the log has {Size})");
        }

        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    /// <summary>The consistency proof (RFC 9162 2.1.4.1) between the trees of the first <paramref name="oldSize"/> and <paramref name="newSize"/> leaves.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        if (oldSize < 0 || newSize > Size || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"no consistency proof from size {oldSize} to {newSize} (the log has {Size})");
        }

        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof;
        }

        SubProof(oldSize, 0, newSize, true, proof);
        return proof;
    }

    /// <summary>SHA-256(0x00 || entry).</summary>
    public static byte[] LeafHash(byte[] entry)
    {
        var buffer = new byte[entry.Length + 1];
        Buffer.BlockCopy(entry, 0, buffer, 1, entry.Length);
        return Sha256(buffer);
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(byte[] left, byte[] right)
    {
        var buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        Buffer.BlockCopy(left, 0, buffer, 1, left.Length);
        Buffer.BlockCopy(right, 0, buffer, 1 + left.Length, right.Length);
        return Sha256(buffer);
    }

    /// <summary>The root hash of the empty tree, SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => Sha256(Array.Empty<byte>());

    /// <summary>
    /// Verifies an inclusion proof (RFC 9162 2.1.3.2): true when <paramref name="leafHash"/> at
    /// <paramref name="index"/> with <paramref name="proof"/> gives <paramref name="root"/> for a tree of <paramref name="size"/> leaves.
    /// </summary>
    public static bool VerifyInclusion(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        long fn = index;
        long sn = size - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && Equal(r, root);
    }

    /// <summary>
    /// Verifies a consistency proof (RFC 9162 2.1.4.2): true when the tree of
    /// <paramref name="newSize"/> leaves with head <paramref name="newRoot"/> extends the tree of
    /// <paramref name="oldSize"/> leaves with head <paramref name="oldRoot"/>.
    /// </summary>
    public static bool VerifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && Equal(oldRoot, newRoot);
        }

        if (oldSize == 0)
        {
            return proof.Count == 0;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<byte[]>(proof);
        if (IsPowerOfTwo(oldSize))
        {
            path.Insert(0, oldRoot);
        }

        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && Equal(fr, oldRoot) && Equal(sr, newRoot);
    }

    /// <summary>Constant-content comparison of two hashes.</summary>
    public static bool Equal(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }

    // MTH(D[start:start+count]).
    private byte[] SubtreeHash(long start, long count)
    {
        if (IsPowerOfTwo(count) && start % count == 0)
        {
            var level = Log2(count);
            return _levels[level][checked((int)(start >> level))];
        }

        if (_edges.TryGetValue((start, count), out var cached))
        {
            return cached;
        }

        var k = LargestPowerOfTwoBelow(count);
        var hash = NodeHash(SubtreeHash(start, k), SubtreeHash(start + k, count - k));
        _edges[(start, count)] = hash;
        return hash;
    }

    // PATH(m, D[start:start+count]) appended to proof, from the leaf upwards.
    private void Path(long m, long start, long count, List<byte[]> proof)
    {
        if (count <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(count);
        if (m < k)
        {
            Path(m, start, k, proof);
            proof.Add(SubtreeHash(start + k, count - k));
        }
        else
        {
            Path(m - k, start + k, count - k, proof);
            proof.Add(SubtreeHash(start, k));
        }
    }

    // SUBPROOF(m, D[start:start+count], b).
    private void SubProof(long m, long start, long count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(SubtreeHash(start, count));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(count);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(SubtreeHash(start + k, count - k));
        }
        else
        {
            SubProof(m - k, start + k, count - k, false, proof);
            proof.Add(SubtreeHash(start, k));
        }
    }

    // The largest power of two strictly smaller than n (n >= 2).
    private static long LargestPowerOfTwoBelow(long n)
    {
        long k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;

    private static int Log2(long n)
    {
        var log = 0;
        while ((1L << log) < n)
        {
            log++;
        }

        return log;
    }

#if NET
    private static byte[] Sha256(byte[] data) => SHA256.HashData(data);
#else
    [ThreadStatic]
    private static SHA256? _sha;

    private static byte[] Sha256(byte[] data) => (_sha ??= SHA256.Create()).ComputeHash(data);
#endif
}
