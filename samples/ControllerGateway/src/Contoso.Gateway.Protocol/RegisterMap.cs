namespace Contoso.Gateway.Protocol;

/// <summary>The gateway's holding registers; thread-safe.</summary>
public sealed class RegisterMap
{
    private readonly Dictionary<ushort, ushort> _values;
    private readonly object _gate = new();

    /// <summary>Creates the map with its initial values.</summary>
    public RegisterMap(IReadOnlyDictionary<ushort, ushort> initial)
    {
        _values = new Dictionary<ushort, ushort>(initial);
    }

    /// <summary>Reads <paramref name="count"/> registers, or null when one of them is not mapped.</summary>
    public IReadOnlyList<ushort>? Read(ushort start, ushort count)
    {
        var result = new ushort[count];
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                if (start + i > ushort.MaxValue || !_values.TryGetValue((ushort)(start + i), out result[i]))
                {
                    return null;
                }
            }
        }

        return result;
    }

    /// <summary>Writes registers; false (and nothing written) when one of them is not mapped.</summary>
    public bool Write(ushort start, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_gate)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (start + i > ushort.MaxValue || !_values.ContainsKey((ushort)(start + i)))
                {
                    return false;
                }
            }

            for (var i = 0; i < values.Count; i++)
            {
                _values[(ushort)(start + i)] = values[i];
            }
        }

        return true;
    }
}
