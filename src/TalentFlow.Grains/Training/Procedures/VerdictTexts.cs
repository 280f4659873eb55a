using System.Security.Cryptography;
using System.Text;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// The resume and job texts of the labelled results, for the kinds that score a resume against a job (the baseline, the
/// encoders): one <see cref="VerdictPair"/> per result whose job and candidate still exist, split by candidate
/// (<see cref="CandidateFolds"/>) into training and held-out pairs, with the lineage of every pair and the fingerprint of the
/// labelled set.
/// </summary>
internal sealed class VerdictTexts
{
    private VerdictTexts(List<VerdictPair> train, List<VerdictPair> test, IReadOnlyList<LineageItem> lineage, string fingerprint) =>
        (Train, Test, Lineage, Fingerprint) = (train, test, lineage, fingerprint);

    /// <summary>The pairs the version is fitted on.</summary>
    public IReadOnlyList<VerdictPair> Train { get; }

    /// <summary>The held-out pairs it is evaluated on.</summary>
    public IReadOnlyList<VerdictPair> Test { get; }

    /// <summary>The feedback items the version is trained and evaluated on.</summary>
    public IReadOnlyList<LineageItem> Lineage { get; }

    /// <summary>The fingerprint of the labelled results (<see cref="FingerprintOf"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Why these pairs cannot train and evaluate a version (too few training pairs, or a verdict missing on the held-out side),
    /// or null when they can.
    /// </summary>
    public string? Shortage =>
        Train.Count < 2 || !Test.Any(s => s.Positive) || !Test.Any(s => !s.Positive)
            ? $"Not enough labelled data to train and evaluate: {Train.Count} training and {Test.Count} held-out samples (both verdicts are needed on the held-out side)."
            : null;

    /// <summary>Reads the texts of <paramref name="labelled"/> (each job's posting once), skipping results whose job or candidate is gone.</summary>
    public static async Task<VerdictTexts> ReadAsync(TrainingRun run, IReadOnlyList<LabelledResult> labelled)
    {
        var samples = new List<VerdictPair>();
        var jobTexts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lineage = new List<LineageItem>();
        foreach (var result in labelled)
        {
            var (jobId, candidateId) = result.Parts();
            if (!jobTexts.TryGetValue(jobId, out var jobText))
            {
                var posting = await TrainingRun.ReadAsync(() => run.Grains.GetGrain<IJobGrain>(jobId).GetPostingAsync()).ConfigureAwait(true);
                jobTexts[jobId] = jobText = posting is null ? null : posting.Title + "\n" + posting.Description;
            }
            var resume = await TrainingRun.ReadAsync(() => run.Grains.GetGrain<ICandidateFeaturesGrain>(candidateId).GetTextAsync()).ConfigureAwait(true);
            if (jobText is null || resume is null) continue;
            samples.Add(new VerdictPair(candidateId, resume, jobText, result.Positive));
            lineage.Add(result.Lineage(CandidateFolds.IsHeldOut(candidateId)));
        }
        return Split(samples, lineage, FingerprintOf(labelled));
    }

    /// <summary>Splits <paramref name="samples"/> by candidate: the held-out fold is evaluated on, the others are fitted on.</summary>
    public static VerdictTexts Split(IReadOnlyList<VerdictPair> samples, IReadOnlyList<LineageItem> lineage, string fingerprint) =>
        new([.. samples.Where(s => !CandidateFolds.IsHeldOut(s.Candidate))], [.. samples.Where(s => CandidateFolds.IsHeldOut(s.Candidate))], lineage, fingerprint);

    /// <summary>SHA-256 (16 hex digits) of the labelled results' ids and verdicts, in the order given (the trainer's: ordinal by id).</summary>
    public static string FingerprintOf(IReadOnlyList<LabelledResult> labelled)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var result in labelled) hash.AppendData(Encoding.UTF8.GetBytes(result.ResultId + (result.Positive ? "\t1\n" : "\t0\n")));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The distinct texts of the training pairs (resumes, then jobs): what a fitted vocabulary or embedding sees.</summary>
    public string[] TrainTexts() => [.. Train.Select(s => s.Resume).Concat(Train.Select(s => s.Job)).Distinct(StringComparer.Ordinal)];
}
