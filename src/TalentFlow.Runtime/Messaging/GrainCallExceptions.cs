namespace TalentFlow.Runtime;

/// <summary>No live silo could take the call: the target died, is unreachable, or no active silo hosts the grain type.</summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A grain call got no response within the response timeout. The call may or may not have run (at most once).</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException(string message) : base(message) { }
}

/// <summary>The grain type, interface or method named by a call is unknown to the silo that received it.</summary>
public sealed class GrainMethodNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public GrainMethodNotFoundException(string message) : base(message) { }
}

/// <summary>A call or its response was malformed, or larger than the configured message limit.</summary>
public sealed class GrainMessageException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public GrainMessageException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Whether the message was refused for its size rather than its content.</summary>
    public bool IsTooLarge { get; init; }
}

/// <summary>
/// A grain method threw on another silo, with an exception type this process cannot recreate; the remote type and message
/// are kept.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string remoteType, string message, string? remoteStackTrace)
        : base($"{remoteType}: {message}")
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the remote exception's type.</summary>
    public string RemoteType { get; }

    /// <summary>The remote stack trace, when the silo sent one.</summary>
    public string? RemoteStackTrace { get; }
}
