namespace TalentFlow.ML.ActiveLearning;

/// <summary>How the next items to review are chosen from the unlabelled pool.</summary>
public enum SamplingStrategy
{
    /// <summary>Uniformly at random (<see cref="RandomSampling"/>): the baseline.</summary>
    Random,

    /// <summary>Closest to the decision threshold first (<see cref="UncertaintySampling"/>).</summary>
    Uncertainty,
}
