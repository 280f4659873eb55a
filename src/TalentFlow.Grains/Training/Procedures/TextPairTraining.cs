using System.Globalization;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>A version fitted by an <see cref="ITextPairFitter"/>, with the scorers of held-out pairs the gate compares.</summary>
/// <param name="Version">The registry version.</param>
/// <param name="Artifact">What is stored for it.</param>
/// <param name="ScoreAsync">The new version's score of each pair.</param>
/// <param name="ScoreProductionAsync">Production's score of each pair.</param>
internal sealed record TextPairModel(
    string Version, byte[] Artifact, Func<IReadOnlyList<VerdictPair>, Task<double[]>> ScoreAsync, Func<IReadOnlyList<VerdictPair>, Task<double[]>> ScoreProductionAsync);

/// <summary>A kind that is fitted on the training pairs' texts and scores a resume against a job (<see cref="TextPairTraining"/>).</summary>
internal interface ITextPairFitter
{
    /// <summary>The model kind.</summary>
    string Model { get; }

    /// <summary>How it is trained, for the registry.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Fits a version on <paramref name="trainTexts"/> for the job of trainer key <paramref name="jobKey"/>.</summary>
    TextPairModel Fit(string[] trainTexts, string jobKey);
}

/// <summary>
/// Training a kind that scores a resume against a job from its own fit on the training pairs' texts (the TF-IDF baseline, the
/// embedded encoder): the labelled results' texts split by candidate (<see cref="VerdictTexts"/>), the kind's fit, its score of
/// the held-out pairs beside production's through the <see cref="PromotionGate"/>, the version stored.
/// </summary>
internal sealed class TextPairTraining(ITextPairFitter fitter) : ITrainingProcedure
{
    /// <inheritdoc />
    public async Task<TrainingOutcome> TrainAsync(TrainingRun run, IReadOnlyList<LabelledResult> labelled)
    {
        var texts = await VerdictTexts.ReadAsync(run, labelled).ConfigureAwait(true);
        if (texts.Shortage is { } shortage) return run.Failed(shortage);
        var (train, test) = (texts.Train, texts.Test);
        await run.CheckpointAsync(0.4, $"Fitting {fitter.Model} on {train.Count} samples ({test.Count} held out).").ConfigureAwait(true);
        var fitted = fitter.Fit(texts.TrainTexts(), run.Key);
        await run.CheckpointAsync(0.6, $"Evaluating on {test.Count} held-out samples against production.").ConfigureAwait(true);
        var candidateScores = await fitted.ScoreAsync(test).ConfigureAwait(true);
        var productionScores = await fitted.ScoreProductionAsync(test).ConfigureAwait(true);
        bool[] labels = [.. test.Select(s => s.Positive)];
        var gate = await run.Gate.JudgeAsync(candidateScores, productionScores, labels, [.. test.Select(s => s.Candidate)]).ConfigureAwait(true);
        await run.StoreVersionAsync(fitter.Model, fitted.Version, fitted.Artifact, texts.Lineage).ConfigureAwait(true);
        var metrics = run.Gate.Metrics(gate);
        metrics["train_samples"] = train.Count;
        metrics["test_samples"] = test.Count;
        return run.Succeeded(
            string.Format(CultureInfo.InvariantCulture, "Trained on {0} samples; held-out ROC-AUC {1:0.###} against production's {2:0.###}: a difference of {3}.",
                train.Count, gate.AucCandidate, gate.AucProduction, run.Gate.Interval(gate)),
            metrics, fitted.Version, gate.Promote, fitter.Parameters, texts.Fingerprint);
    }
}
