namespace TalentFlow.ML.Semantic;

/// <summary>Why an embedded encoder's artifact could not be loaded.</summary>
public enum EncoderArtifactError
{
    /// <summary>Not valid JSON, not an encoder artifact, a missing or malformed field, a shape mismatch or a bad checksum.</summary>
    Corrupt,

    /// <summary>An encoder artifact of a format version this build does not read.</summary>
    UnsupportedVersion,
}

/// <summary>Thrown by <see cref="EmbeddedEncoder.Load"/> (and the encoders' own <c>Load</c>) when a stream is not an artifact this build can read.</summary>
public sealed class EncoderArtifactException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EncoderArtifactException(EncoderArtifactError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>Which kind of failure.</summary>
    public EncoderArtifactError Error { get; }
}
