using System.Reflection;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary>
/// The registry's model kinds, found once: every non-abstract <see cref="IModelKind"/> in this assembly with a public
/// parameterless constructor. Adding a kind (e.g. <c>career_classifier</c>) is adding such a class.
/// </summary>
public static class ModelKindRegistry
{
    private static readonly Dictionary<string, IModelKind> Kinds = Discover();

    /// <summary>The kinds' names, in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The kind named <paramref name="model"/>, if there is one.</summary>
    public static bool TryGet(string model, out IModelKind kind) => Kinds.TryGetValue(model ?? "", out kind!);

    /// <summary>The kind named <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">No such kind.</exception>
    public static IModelKind Get(string model) =>
        TryGet(model, out var kind) ? kind : throw new ArgumentException($"Model '{model}' has no registry; {string.Join(", ", Names)} have.", nameof(model));

    /// <summary>The names of the kinds that can be A/B tested, in ordinal order.</summary>
    public static IReadOnlyList<string> AbTestable { get; } = [.. Names.Where(n => Kinds[n].SupportsAbTest)];

    private static Dictionary<string, IModelKind> Discover()
    {
        var kinds = new Dictionary<string, IModelKind>(StringComparer.Ordinal);
        foreach (var type in typeof(ModelKindRegistry).Assembly.GetTypes())
        {
            if (type.IsAbstract || !typeof(IModelKind).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            var kind = (IModelKind)Activator.CreateInstance(type)!;
            if (!kinds.TryAdd(kind.Name, kind)) throw new InvalidOperationException($"Two model kinds are named '{kind.Name}'.");
        }
        return kinds;
    }
}
