using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// What the coordinator persists: each job's verdict counts, the jobs, the trigger bookkeeping. The registry lives in one
/// <see cref="IModelRegistryGrain"/> per model kind; the registry properties below are what earlier versions kept here, read
/// only to hand them over (<see cref="LegacyRegistryHandover"/>) and empty afterwards.
/// </summary>
public sealed class TrainingCoordinatorState
{
    /// <summary>Job id → its latest verdict counts (the verdicts stay with the job grain).</summary>
    public Dictionary<string, VerdictCounts> VerdictsByJob { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The verdicts as an earlier version kept them, one entry per result (model kind → result id → verdict); read once at
    /// activation into <see cref="VerdictsByJob"/> and emptied, so old state keeps its counts.
    /// </summary>
    public Dictionary<string, Dictionary<string, CountedFeedback>> Feedback { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Training jobs by id.</summary>
    public Dictionary<string, TrainingJobInfo> Jobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Model kind → its labelled-sample count when training last started (the threshold counts new verdicts from there).</summary>
    public Dictionary<string, int> TrainedAtSamples { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the schedule's reminder last looked for a due occurrence.</summary>
    public DateTimeOffset? LastScheduleCheck { get; set; }

    /// <summary>Legacy: every version of every model kind, as the coordinator kept the registry before (handed over once).</summary>
    public List<ModelVersionInfo> Versions { get; set; } = [];

    /// <summary>Legacy: model kind → the versions that became production, newest last (handed over once).</summary>
    public Dictionary<string, List<string>> ProductionHistory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Legacy: the running A/B test (handed over once to its kind's registry).</summary>
    public ModelAbTest? AbTest { get; set; }

    /// <summary>Legacy: model kind → alias → the version it names (handed over once).</summary>
    public Dictionary<string, Dictionary<string, ModelAlias>> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Legacy: registry events committed with their change but not yet moved to the event records (handed over once).</summary>
    public List<RegistryEvent> PendingEvents { get; set; } = [];

    /// <summary>Legacy: the sequence number of the last registry event, across kinds.</summary>
    public long EventSequence { get; set; }
}

/// <summary>One result's verdict as an earlier version of the coordinator counted it (read only to migrate).</summary>
public sealed class CountedFeedback
{
    /// <summary>Reviewer said match.</summary>
    public bool Positive { get; set; }

    /// <summary>Reviewer disagreed with the model.</summary>
    public bool NeedsRetraining { get; set; }
}
