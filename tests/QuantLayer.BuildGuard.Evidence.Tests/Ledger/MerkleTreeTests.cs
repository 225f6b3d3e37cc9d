using CsCheck;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Ledger;

namespace QuantLayer.BuildGuard.Evidence.Tests.Ledger;

/// <summary>
/// The RFC 6962 tree against the test vectors the certificate-transparency implementations share
/// (eight leaves; tree heads of every prefix, audit paths, consistency proofs), plus properties
/// checked against a direct transcription of the RFC's recursive definitions.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly string[] Leaves =
    {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    };

    private static readonly string[] Roots =
    {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
        { 5, 8, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
        { 2, 3, new[] { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
        { 1, 5, new[] { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
        { 0, 1, Array.Empty<string>() },
    };

    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 1, Array.Empty<string>() },
        { 1, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
        { 6, 8, new[] { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
        { 2, 5, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
    };

    [Fact]
    public void Tree_heads_of_every_prefix_match_the_test_vectors()
    {
        var tree = VectorTree();
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.Lower(tree.RootHash(0)));
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(Roots[size - 1], Hex.Lower(tree.RootHash(size)));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_match_the_test_vectors_and_verify(long index, long size, string[] expected)
    {
        var tree = VectorTree();
        var proof = tree.InclusionProof(index, size);
        Assert.Equal(expected, proof.Select(Hex.Lower));
        var root = FromHex(Roots[size - 1]);
        Assert.True(MerkleTree.VerifyInclusion(index, size, tree.LeafHashAt(index), proof, root));
        if (size > 1)
        {
            Assert.False(MerkleTree.VerifyInclusion(index, size, tree.LeafHashAt((index + 1) % size), proof, root));
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_match_the_test_vectors_and_verify(long oldSize, long newSize, string[] expected)
    {
        var tree = VectorTree();
        var proof = tree.ConsistencyProof(oldSize, newSize);
        Assert.Equal(expected, proof.Select(Hex.Lower));
        Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, FromHex(Roots[oldSize - 1]), FromHex(Roots[newSize - 1]), proof));
        if (oldSize != newSize)
        {
            // The tree head of another prefix must not pass.
            Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, FromHex(Roots[newSize - 1]), FromHex(Roots[newSize - 1]), proof));
        }
    }

    [Fact]
    public void Every_proof_of_random_trees_verifies_and_matches_the_recursive_definition()
    {
        Gen.Int[1, 70].Select(Gen.Int[0, 69], Gen.Int[0, 69]).Sample((size, a, b) =>
        {
            var entries = Enumerable.Range(0, size).Select(i => new[] { (byte)i, (byte)(i >> 8), (byte)size }).ToList();
            var tree = MerkleTree.FromEntries(entries);
            var leaves = entries.Select(MerkleTree.LeafHash).ToList();
            var index = a % size;
            var oldSize = (b % size) + 1;
            Assert.Equal(Hex.Lower(ReferenceRoot(leaves)), Hex.Lower(tree.RootHash()));
            Assert.Equal(Hex.Lower(ReferenceRoot(leaves.Take(oldSize).ToList())), Hex.Lower(tree.RootHash(oldSize)));

            var inclusion = tree.InclusionProof(index, size);
            Assert.True(MerkleTree.VerifyInclusion(index, size, leaves[index], inclusion, tree.RootHash()));
            Assert.False(MerkleTree.VerifyInclusion(index, size, MerkleTree.LeafHash(new byte[] { 0xff, 0xfe }), inclusion, tree.RootHash()));

            var consistency = tree.ConsistencyProof(oldSize, size);
            Assert.True(MerkleTree.VerifyConsistency(oldSize, size, tree.RootHash(oldSize), tree.RootHash(), consistency));
            if (oldSize < size)
            {
                // A forked log: the same old tree, a different newest entry.
                var forked = MerkleTree.FromEntries(entries.Take(size - 1).Append(new byte[] { 0xee }));
                Assert.False(MerkleTree.VerifyConsistency(oldSize, size, tree.RootHash(oldSize), forked.RootHash(), consistency));
            }
        });
    }

    private static MerkleTree VectorTree() => MerkleTree.FromEntries(Leaves.Select(FromHex));

    private static byte[] FromHex(string hex) => Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(2 * i, 2), 16)).ToArray();

    // MTH as RFC 6962 2.1 defines it, recursively, without any of the tree's shortcuts.
    private static byte[] ReferenceRoot(List<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        if (leafHashes.Count == 1)
        {
            return leafHashes[0];
        }

        var k = 1;
        while (k * 2 < leafHashes.Count)
        {
            k *= 2;
        }

        return MerkleTree.NodeHash(ReferenceRoot(leafHashes.Take(k).ToList()), ReferenceRoot(leafHashes.Skip(k).ToList()));
    }
}
