namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>The values of one field in id order: id i is <c>Names[i]</c>. Names are unique (ordinal comparison).</summary>
public sealed class ConvFmVocabulary
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a vocabulary; throws <see cref="ArgumentException"/> on an empty list or a duplicate name.</summary>
    public ConvFmVocabulary(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        if (_names.Length == 0)
        {
            throw new ArgumentException("A vocabulary needs at least one value.", nameof(names));
        }

        _ids = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_names[i], nameof(names));
            if (!_ids.TryAdd(_names[i], i))
            {
                throw new ArgumentException($"Duplicate vocabulary value '{_names[i]}'.", nameof(names));
            }
        }
    }

    /// <summary>Number of ids.</summary>
    public int Count => _names.Length;

    /// <summary>The values in id order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Looks a value's id up.</summary>
    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);
}
