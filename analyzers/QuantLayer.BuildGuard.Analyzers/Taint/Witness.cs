using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>One hop of a taint path: a call, a field or a property the data went through.</summary>
internal readonly struct PathStep
{
    public PathStep(string description, Location location)
    {
        Description = description;
        Location = location;
    }

    /// <summary>What the data went through ("BuildQuery", "field Repository._filter").</summary>
    public string Description { get; }

    /// <summary>Where in source (the call or the write).</summary>
    public Location Location { get; }
}

/// <summary>
/// Where an untrusted value came from and how it travelled: the source, the method it was read
/// in and the hops since. Witnesses only explain a finding; they never decide one. Among equally
/// dangerous atoms the engine keeps the smallest witness by <see cref="Compare"/>, a total
/// order, so the reported path does not depend on the order in which methods were analyzed.
/// </summary>
internal sealed class Witness
{
    /// <summary>Paths longer than this keep their first and last hops.</summary>
    public const int MaxSteps = 12;

    public Witness(string source, Location location, string method, ImmutableArray<PathStep> steps)
    {
        Source = source;
        Location = location;
        Method = method;
        Steps = steps;
    }

    /// <summary>The source as shown in messages ("Console.ReadLine()").</summary>
    public string Source { get; }

    /// <summary>Where the source was read.</summary>
    public Location Location { get; }

    /// <summary>The method the source was read in.</summary>
    public string Method { get; }

    /// <summary>The hops from the source towards the sink.</summary>
    public ImmutableArray<PathStep> Steps { get; }

    /// <summary>This witness with one more hop (paths are capped at <see cref="MaxSteps"/>).</summary>
    public Witness With(PathStep step)
    {
        if (Steps.Length > 0 && Steps[Steps.Length - 1].Description == step.Description
            && Steps[Steps.Length - 1].Location == step.Location)
        {
            return this;
        }

        var steps = Steps.Length >= MaxSteps ? Steps.RemoveAt(MaxSteps / 2) : Steps;
        return new Witness(Source, Location, Method, steps.Add(step));
    }

    /// <summary>Total order: fewer hops first, then source position, then the hops' positions.</summary>
    public static int Compare(Witness? a, Witness? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return 1;
        }

        if (b is null)
        {
            return -1;
        }

        var c = a.Steps.Length.CompareTo(b.Steps.Length);
        if (c != 0)
        {
            return c;
        }

        c = CompareLocations(a.Location, b.Location);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Source, b.Source);
        if (c != 0)
        {
            return c;
        }

        for (var i = 0; i < a.Steps.Length; i++)
        {
            c = CompareLocations(a.Steps[i].Location, b.Steps[i].Location);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Steps[i].Description, b.Steps[i].Description);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>Orders locations by file path and position.</summary>
    public static int CompareLocations(Location a, Location b)
    {
        var c = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
        return c != 0 ? c : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }
}
