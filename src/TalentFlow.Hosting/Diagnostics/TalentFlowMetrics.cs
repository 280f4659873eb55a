using System.Diagnostics.Metrics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>
/// The <c>TalentFlow</c> meter: what the product does, beside Orleans' runtime meter (<c>Microsoft.Orleans</c>) and ASP.NET
/// Core's. Each instrument is recorded where the work it counts is already expensive (a screening, a training job's end), never
/// per grain call: the per-method call figures are read from <see cref="GrainCallStatistics"/> only when a reader collects.
/// </summary>
public sealed class TalentFlowMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "TalentFlow";

    // Screening spans a few milliseconds (TF-IDF on a short text) to tens of seconds (a long PDF on a loaded silo).
    private static readonly IReadOnlyList<double> ScreeningBoundariesSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _uploadsScreened;
    private readonly Histogram<double> _screeningDuration;
    private readonly Counter<long> _trainingJobs;

    /// <summary>Creates the meter from the host's <paramref name="meterFactory"/> (disposed with the host).</summary>
    public TalentFlowMetrics(IMeterFactory meterFactory, GrainCallStatistics? grainCalls = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _uploadsScreened = meter.CreateCounter<long>("talentflow.screening.uploads", "{upload}",
            "Resumes uploaded and screened against a job, by decision.");
        _screeningDuration = meter.CreateHistogram("talentflow.screening.duration", "s",
            "Time from an upload's form read to its screening result: document extraction, candidate write and scoring.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScreeningBoundariesSeconds });
        _trainingJobs = meter.CreateCounter<long>("talentflow.training.jobs", "{job}",
            "Training jobs that ended, by model kind and outcome (succeeded, failed, cancelled).");
        if (grainCalls is null) return;
        // Read from the striped counters the call filter already keeps, only when collected: nothing more on the call path.
        meter.CreateObservableCounter("talentflow.grain.calls", () => Observe(grainCalls, failures: false), "{call}",
            "Application grain calls that reached a grain on this silo, by interface and method.");
        meter.CreateObservableCounter("talentflow.grain.call.failures", () => Observe(grainCalls, failures: true), "{call}",
            "Application grain calls whose grain code threw, by interface and method.");
    }

    /// <summary>Counts one screened upload and how long it took.</summary>
    /// <param name="decision">The screening decision (<c>SHORTLIST</c> or <c>REJECT</c>).</param>
    /// <param name="elapsed">From the form read to the result.</param>
    public void UploadScreened(string decision, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("talentflow.decision", decision);
        _uploadsScreened.Add(1, tag);
        _screeningDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>Counts a training job that ended.</summary>
    /// <param name="model">The model kind it trained.</param>
    /// <param name="outcome">Its final status: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
    public void TrainingJobEnded(string model, string outcome) =>
        _trainingJobs.Add(1, new KeyValuePair<string, object?>("talentflow.model", model), new KeyValuePair<string, object?>("talentflow.outcome", outcome));

    private static IEnumerable<Measurement<long>> Observe(GrainCallStatistics statistics, bool failures) =>
        statistics.Snapshot().Select(m => new Measurement<long>(failures ? m.Failures : m.Calls,
            new KeyValuePair<string, object?>("rpc.service", m.Interface), new KeyValuePair<string, object?>("rpc.method", m.Method)));
}
