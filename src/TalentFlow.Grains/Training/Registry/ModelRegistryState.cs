using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>What one model kind's registry persists besides its events (those are keyed records, one row each).</summary>
public sealed class ModelRegistryState
{
    /// <summary>The kind's versions, oldest first (the built-in one, where the kind has one, first).</summary>
    public List<ModelVersionInfo> Versions { get; set; } = [];

    /// <summary>The versions that became production, in order, newest last (a rollback goes back along it).</summary>
    public List<string> ProductionHistory { get; set; } = [];

    /// <summary>Alias → the version it names. <see cref="ModelAliases.Champion"/> is never stored: it is the production version.</summary>
    public Dictionary<string, ModelAlias> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The kind's running A/B test, or null.</summary>
    public ModelAbTest? AbTest { get; set; }

    /// <summary>
    /// Events written with the change they record (so a change and its events commit together), then moved to the event
    /// records and cleared; normally empty.
    /// </summary>
    public List<RegistryEvent> PendingEvents { get; set; } = [];

    /// <summary>The sequence number of the kind's last event.</summary>
    public long EventSequence { get; set; }

    /// <summary>Whether the registry the training coordinator kept for this kind before (if any) has been taken over.</summary>
    public bool TookOverLegacy { get; set; }

    /// <summary>A copy to put back when a change's write fails (versions, aliases and events are immutable records).</summary>
    internal ModelRegistryState Copy() => new()
    {
        Versions = [.. Versions],
        ProductionHistory = [.. ProductionHistory],
        Aliases = new Dictionary<string, ModelAlias>(Aliases, StringComparer.Ordinal),
        AbTest = AbTest,
        PendingEvents = [.. PendingEvents],
        EventSequence = EventSequence,
        TookOverLegacy = TookOverLegacy,
    };

    /// <summary>The production version, or null.</summary>
    internal ModelVersionInfo? Production => Versions.LastOrDefault(v => v.Stage == "Production");

    /// <summary>The place of <paramref name="version"/> in <see cref="Versions"/>, or -1.</summary>
    internal int IndexOf(string version) => Versions.FindIndex(v => v.Version == version);
}
