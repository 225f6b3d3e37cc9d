using CsCheck;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

/// <summary>The lattice the fixpoints rely on: join is a least upper bound and masks only keep the most dangerous atoms.</summary>
public sealed class TaintSetTests
{
    private static readonly Gen<TaintAtom> GenAtom =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.UInt[0, 15]).Select((kind, id, mask) =>
            new TaintAtom((AtomKind)kind, id, 0, (TaintCategory)mask | TaintCategory.NotEmbedded, null));

    private static readonly Gen<TaintSet?> GenSet = GenAtom.Array[0, 5].Select(atoms => TaintSet.From(atoms));

    [Fact]
    public void Join_is_commutative_associative_and_idempotent()
    {
        Gen.Select(GenSet, GenSet, GenSet).Sample((a, b, c) =>
        {
            Assert.True(TaintSet.SameTaint(TaintSet.Join(a, b), TaintSet.Join(b, a)));
            Assert.True(TaintSet.SameTaint(TaintSet.Join(TaintSet.Join(a, b), c), TaintSet.Join(a, TaintSet.Join(b, c))));
            Assert.True(TaintSet.SameTaint(TaintSet.Join(a, a), a));
        });
    }

    [Fact]
    public void Join_is_an_upper_bound()
    {
        Gen.Select(GenSet, GenSet).Sample((a, b) =>
        {
            var joined = TaintSet.Join(a, b);
            Assert.True(TaintSet.SameTaint(TaintSet.Join(joined, a), joined));
            Assert.True(TaintSet.SameTaint(TaintSet.Join(joined, b), joined));
        });
    }

    [Fact]
    public void A_less_sanitized_atom_absorbs_a_more_sanitized_one()
    {
        var dangerous = new TaintAtom(AtomKind.Source, 0, 0, TaintCategory.NotEmbedded, null);
        var cleaned = new TaintAtom(AtomKind.Source, 0, 0, TaintCategory.NotEmbedded | TaintCategory.Sql, null);
        var joined = TaintSet.Join(TaintSet.Of(cleaned), TaintSet.Of(dangerous))!;
        Assert.Equal(TaintCategory.NotEmbedded, Assert.Single(joined.Atoms).Mask);
    }

    [Fact]
    public void A_full_sanitizer_removes_all_taint()
    {
        Assert.Null(TaintSet.AddBits(TaintSet.Of(new TaintAtom(AtomKind.Parameter, 0, 0, TaintMask.Fresh, null)), TaintCategory.AllSinks));
    }

    [Fact]
    public void Composition_accumulates_sanitizers_and_keeps_embedding()
    {
        var composed = TaintMask.Compose(TaintCategory.Path | TaintCategory.NotEmbedded, TaintCategory.Sql);
        Assert.Equal(TaintCategory.Path | TaintCategory.Sql, composed);
    }
}
