namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>Whether code implements an item or a test verifies it.</summary>
public enum TraceRelation
{
    /// <summary><c>[Implements]</c>.</summary>
    Implements,

    /// <summary><c>[Verifies]</c> or a requirement trait.</summary>
    Verifies,
}

/// <summary>
/// One link from a compiled symbol to a registry item, read from an assembly's metadata.
/// <see cref="TestName"/> is the fully qualified test name (<c>Namespace.Class.Method</c>, nested
/// classes joined with '+') that test results are joined by; null for implementations.
/// </summary>
public sealed record TraceTag(
    TraceRelation Relation,
    string RequirementId,
    int Revision,
    string Symbol,
    string Assembly,
    string? TestName,
    string Source);
