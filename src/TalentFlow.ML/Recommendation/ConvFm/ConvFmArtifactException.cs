namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>Why a ConvFM artifact could not be loaded.</summary>
public enum ConvFmArtifactError
{
    /// <summary>Not valid JSON, not a ConvFM artifact, a missing or malformed field, a shape mismatch or a bad checksum.</summary>
    Corrupt,

    /// <summary>A ConvFM artifact of a format version this build does not read.</summary>
    UnsupportedVersion,
}

/// <summary>Thrown by <see cref="ConvFmModel.Load"/> when the stream is not a ConvFM artifact this build can read.</summary>
public sealed class ConvFmArtifactException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConvFmArtifactException(ConvFmArtifactError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>Which kind of failure.</summary>
    public ConvFmArtifactError Error { get; }
}
