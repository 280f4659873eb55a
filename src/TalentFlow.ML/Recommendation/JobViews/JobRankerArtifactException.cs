namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>Why a learned job-ranker artifact could not be loaded.</summary>
public enum JobRankerArtifactError
{
    /// <summary>Not valid JSON, not a job-ranker artifact, a missing or malformed field, or arrays of different lengths.</summary>
    Corrupt,

    /// <summary>A job-ranker artifact of a format version this build does not read.</summary>
    UnsupportedVersion,
}

/// <summary>Thrown by <see cref="LearnedJobRankerModel.Load"/> when the stream is not a job-ranker artifact this build can read.</summary>
public sealed class JobRankerArtifactException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobRankerArtifactException(JobRankerArtifactError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>Which kind of failure.</summary>
    public JobRankerArtifactError Error { get; }
}
