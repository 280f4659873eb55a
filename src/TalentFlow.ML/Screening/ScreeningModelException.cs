namespace TalentFlow.ML.Screening;

/// <summary>What is wrong with a screening model or its use.</summary>
public enum ScreeningModelError
{
    /// <summary>Not JSON, a missing or inconsistent field, or a version that does not match the content.</summary>
    Corrupt,

    /// <summary>An artifact of a format this build does not read.</summary>
    UnsupportedFormat,

    /// <summary>The model was trained with another encoder than the one offered.</summary>
    EncoderMismatch,
}

/// <summary>Thrown when a screening model artifact cannot be loaded or the model cannot score with what it is given.</summary>
public sealed class ScreeningModelException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ScreeningModelException(ScreeningModelError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>Which failure.</summary>
    public ScreeningModelError Error { get; }
}

/// <summary>Why training data was refused.</summary>
public enum ScreeningTrainingError
{
    /// <summary>Fewer labelled pairs than <see cref="ScreeningModelTrainer.Options.MinSamples"/>.</summary>
    TooFewSamples,

    /// <summary>No shortlisted pair to learn from.</summary>
    NoPositives,

    /// <summary>No rejected pair to learn from.</summary>
    NoNegatives,

    /// <summary>The held-out candidates have no shortlisted pair, so nothing can be measured.</summary>
    NoHeldOutPositives,

    /// <summary>The held-out candidates have no rejected pair, so nothing can be measured.</summary>
    NoHeldOutNegatives,

    /// <summary>One reviewer gave one pair both labels.</summary>
    ContradictoryLabels,

    /// <summary>Feature vectors of the wrong length or with non-finite values.</summary>
    BadFeatures,
}

/// <summary>Thrown by <see cref="ScreeningModelTrainer"/> when the labelled pairs cannot train a model worth serving.</summary>
public sealed class ScreeningTrainingException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ScreeningTrainingException(ScreeningTrainingError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Which refusal.</summary>
    public ScreeningTrainingError Error { get; }
}
