
namespace TalentFlow.Contracts.Training;

/// <summary>A training job that has already ended (succeeded, failed or cancelled) was asked to change; HTTP maps it to 409.</summary>
public sealed class TrainingJobEndedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public TrainingJobEndedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrainingJobEndedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TrainingJobEndedException()
        : base("The training job has already ended.")
    {
    }
}
