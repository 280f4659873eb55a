using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

public sealed partial class TrainingCoordinatorState
{
    /// <summary>
    /// Model kind → alias → the version it names. <see cref="ModelAliases.Champion"/> is never stored: it is the production version.
    /// </summary>
    public Dictionary<string, Dictionary<string, ModelAlias>> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Registry events written with the change they record (so a change and its event commit together), then moved to the
    /// coordinator's event records and cleared; normally empty.
    /// </summary>
    public List<RegistryEvent> PendingEvents { get; set; } = [];

    /// <summary>The sequence number of the last registry event.</summary>
    public long EventSequence { get; set; }
}
