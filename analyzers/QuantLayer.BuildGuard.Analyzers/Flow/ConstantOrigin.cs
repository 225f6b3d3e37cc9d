namespace QuantLayer.BuildGuard.Analyzers.Flow;

/// <summary>
/// The result of <see cref="ConstantValueTracker"/>: a value that is a constant or is computed
/// only from constants, with a short description of where it comes from (for messages) and the
/// constant itself when it is known (numbers, strings).
/// </summary>
internal sealed class ConstantOrigin
{
    /// <summary>Creates an origin.</summary>
    public ConstantOrigin(string description, object? value = null)
    {
        Description = description;
        Value = value;
    }

    /// <summary>Where the value comes from, e.g. "a string literal", "the field 'Key'".</summary>
    public string Description { get; }

    /// <summary>The constant, when the value is a single known constant; otherwise null.</summary>
    public object? Value { get; }

    /// <summary>The constant as an integer, when it is one.</summary>
    public long? IntegerValue => Value switch
    {
        int i => i,
        long l => l,
        short s => s,
        uint u => u,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => null,
    };

    /// <summary>The same value reached through another step ("the local 'key' (a string literal)").</summary>
    public ConstantOrigin Through(string step) => new(step + " (" + Description + ")", Value);

    /// <summary>The same origin without a single known value (e.g. after a conversion to bytes).</summary>
    public ConstantOrigin WithoutValue(string? description = null) => new(description ?? Description);

    /// <inheritdoc />
    public override string ToString() => Description;
}
