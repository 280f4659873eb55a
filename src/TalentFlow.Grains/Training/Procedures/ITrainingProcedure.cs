using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// How one model kind is trained on the reviewers' verdicts: the trainer grain collects the labelled results and hands them to
/// the kind's procedure (<see cref="TextPairTraining"/> of <see cref="BaselineTraining"/> or <see cref="EmbeddedEncoderTraining"/>,
/// <see cref="FineTunedEncoderTraining"/>, <see cref="ScreeningModelTraining"/>), which fits, evaluates against production
/// through the <see cref="PromotionGate"/>, stores the version and says what happened.
/// </summary>
internal interface ITrainingProcedure
{
    /// <summary>Trains on <paramref name="labelled"/> (ordered by result id) and returns the outcome to report.</summary>
    /// <exception cref="TrainingRun.JobCancelledException">The coordinator answered a checkpoint with "stop".</exception>
    Task<TrainingOutcome> TrainAsync(TrainingRun run, IReadOnlyList<LabelledResult> labelled);
}
