
namespace TalentFlow.Contracts.Training;

/// <summary>
/// The model registry cannot make the asked change in its current state — the version already exists, or there is no earlier
/// production version to roll back to; HTTP maps it to 409.
/// </summary>
public sealed class ModelRegistryConflictException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelRegistryConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ModelRegistryConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ModelRegistryConflictException()
        : base("The model registry cannot make this change.")
    {
    }
}
