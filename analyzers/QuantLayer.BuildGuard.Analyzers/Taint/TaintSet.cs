namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>What an atom stands for.</summary>
internal enum AtomKind : byte
{
    /// <summary>Data from a concrete source (carries a <see cref="Witness"/>).</summary>
    Source = 0,

    /// <summary>The value of parameter <c>A</c> of the method on entry (symbolic).</summary>
    Parameter = 1,

    /// <summary>Whatever field or auto-property <c>A</c> holds anywhere in the compilation (symbolic).</summary>
    Field = 2,

    /// <summary>The value returned by call site <c>A</c> of the method (symbolic, resolved from the callee's summary).</summary>
    CallReturn = 3,

    /// <summary>Argument <c>B</c> of call site <c>A</c> after the call (out/ref or mutated contents).</summary>
    CallOut = 4,
}

/// <summary>
/// One reason a value may be tainted: a source or a symbolic input, with the sink categories it
/// has been sanitized for. Immutable.
/// </summary>
internal sealed class TaintAtom
{
    public TaintAtom(AtomKind kind, int a, int b, TaintCategory mask, Witness? witness)
    {
        Kind = kind;
        A = a;
        B = b;
        Mask = mask;
        Witness = witness;
    }

    public AtomKind Kind { get; }

    public int A { get; }

    public int B { get; }

    /// <summary>Categories sanitized for, plus the shape bits.</summary>
    public TaintCategory Mask { get; }

    /// <summary>Source atoms only: where the data came from.</summary>
    public Witness? Witness { get; }

    /// <summary>Same key (kind and ids), ignoring mask and witness.</summary>
    public bool SameKey(TaintAtom other) => Kind == other.Kind && A == other.A && B == other.B;

    public TaintAtom WithMask(TaintCategory mask) => mask == Mask ? this : new TaintAtom(Kind, A, B, mask, Witness);

    public TaintAtom WithWitness(Witness? witness) => ReferenceEquals(witness, Witness) ? this : new TaintAtom(Kind, A, B, Mask, witness);

    public int CompareKey(TaintAtom other)
    {
        var c = Kind.CompareTo(other.Kind);
        if (c == 0)
        {
            c = A.CompareTo(other.A);
        }

        if (c == 0)
        {
            c = B.CompareTo(other.B);
        }

        return c;
    }
}

/// <summary>
/// An immutable set of taint atoms; <c>null</c> stands for "untainted". For each key the set
/// keeps only the most dangerous masks (an antichain under ⊆), so the join is monotone and the
/// fixpoints terminate. Equality ignores witnesses.
/// </summary>
internal sealed class TaintSet
{
    /// <summary>More distinct masks than this for one key are merged (intersected), which only adds danger.</summary>
    private const int MaxMasksPerKey = 4;

    private TaintSet(TaintAtom[] atoms)
    {
        Atoms = atoms;
    }

    /// <summary>Sorted by key; never empty.</summary>
    public TaintAtom[] Atoms { get; }

    public static TaintSet Of(TaintAtom atom) => new(new[] { atom });

    /// <summary>The join (least upper bound) of two sets.</summary>
    public static TaintSet? Join(TaintSet? a, TaintSet? b)
    {
        if (a is null || ReferenceEquals(a, b))
        {
            return b ?? a;
        }

        if (b is null)
        {
            return a;
        }

        var list = new List<TaintAtom>(a.Atoms.Length + b.Atoms.Length);
        list.AddRange(a.Atoms);
        var changed = false;
        foreach (var atom in b.Atoms)
        {
            changed |= Add(list, atom);
        }

        return changed ? Normalize(list) : a;
    }

    /// <summary>Builds a set from atoms (null when there are none).</summary>
    public static TaintSet? From(IEnumerable<TaintAtom> atoms)
    {
        var list = new List<TaintAtom>();
        foreach (var atom in atoms)
        {
            Add(list, atom);
        }

        return list.Count == 0 ? null : Normalize(list);
    }

    /// <summary>Equal taint (same atoms and masks; witnesses ignored).</summary>
    public static bool SameTaint(TaintSet? a, TaintSet? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Atoms.Length != b.Atoms.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Atoms.Length; i++)
        {
            if (!a.Atoms[i].SameKey(b.Atoms[i]) || a.Atoms[i].Mask != b.Atoms[i].Mask)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The set with <paramref name="bits"/> added to every atom's mask (a sanitizer).</summary>
    public static TaintSet? AddBits(TaintSet? set, TaintCategory bits)
    {
        if (set is null || bits == TaintCategory.None)
        {
            return set;
        }

        if ((bits & TaintCategory.AllSinks) == TaintCategory.AllSinks)
        {
            return null;
        }

        return MapMask(set, m => m | bits);
    }

    /// <summary>The set with <paramref name="bits"/> removed from every atom's mask (e.g. embedding).</summary>
    public static TaintSet? RemoveBits(TaintSet? set, TaintCategory bits)
        => set is null ? null : MapMask(set, m => m & ~bits);

    /// <summary>Applies a mask function to every atom.</summary>
    public static TaintSet? MapMask(TaintSet? set, Func<TaintCategory, TaintCategory> f)
    {
        if (set is null)
        {
            return null;
        }

        var same = true;
        foreach (var atom in set.Atoms)
        {
            if (f(atom.Mask) != atom.Mask)
            {
                same = false;
                break;
            }
        }

        return same ? set : From(set.Atoms.Select(a => a.WithMask(f(a.Mask))));
    }

    /// <summary>True when the set contains an atom of the given kind.</summary>
    public bool Has(AtomKind kind)
    {
        foreach (var atom in Atoms)
        {
            if (atom.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Only the atoms of the given kind (null when none).</summary>
    public static TaintSet? Only(TaintSet? set, AtomKind kind)
    {
        if (set is null)
        {
            return null;
        }

        var all = true;
        var any = false;
        foreach (var atom in set.Atoms)
        {
            if (atom.Kind == kind)
            {
                any = true;
            }
            else
            {
                all = false;
            }
        }

        return all ? set : any ? new TaintSet(set.Atoms.Where(a => a.Kind == kind).ToArray()) : null;
    }

    private static bool Add(List<TaintAtom> list, TaintAtom atom)
    {
        var sameKeyCount = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var existing = list[i];
            if (!existing.SameKey(atom))
            {
                continue;
            }

            if (existing.Mask == atom.Mask)
            {
                if (Witness.Compare(atom.Witness, existing.Witness) < 0)
                {
                    list[i] = atom;
                    return true;
                }

                return false;
            }

            if (TaintMask.AtLeastAsDangerous(existing.Mask, atom.Mask))
            {
                return false;
            }

            if (TaintMask.AtLeastAsDangerous(atom.Mask, existing.Mask))
            {
                list.RemoveAt(i);
                i--;
                continue;
            }

            sameKeyCount++;
        }

        if (sameKeyCount >= MaxMasksPerKey)
        {
            // Widen: merge every mask of this key into their intersection (more dangerous, still sound).
            var mask = atom.Mask;
            var witness = atom.Witness;
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].SameKey(atom))
                {
                    mask &= list[i].Mask;
                    if (Witness.Compare(list[i].Witness, witness) < 0)
                    {
                        witness = list[i].Witness;
                    }

                    list.RemoveAt(i);
                }
            }

            list.Add(new TaintAtom(atom.Kind, atom.A, atom.B, mask, witness));
            return true;
        }

        list.Add(atom);
        return true;
    }

    private static TaintSet Normalize(List<TaintAtom> list)
    {
        list.Sort((x, y) =>
        {
            var c = x.CompareKey(y);
            return c != 0 ? c : x.Mask.CompareTo(y.Mask);
        });
        return new TaintSet(list.ToArray());
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Join(", ", Atoms.Select(a => a.Kind + "(" + a.A + (a.Kind == AtomKind.CallOut ? "," + a.B : string.Empty) + ")"
            + (((a.Mask & TaintCategory.AllSinks) != 0) ? "[-" + (a.Mask & TaintCategory.AllSinks) + "]" : string.Empty)
            + ((a.Mask & TaintCategory.NotEmbedded) == 0 ? "[embedded]" : string.Empty)));
}
