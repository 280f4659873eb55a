namespace TalentFlow.Silo.Security;

/// <summary>Security logs, event ids 1100–1199. They name keys by their configured name; a key's value is never logged.</summary>
internal sealed partial class ApiKeyAuthenticationHandler
{
    [LoggerMessage(1101, LogLevel.Debug, "Request authenticated with the API key '{KeyName}' (role {Role}).")]
    private static partial void Authenticated(ILogger logger, string keyName, string role);

    [LoggerMessage(1102, LogLevel.Information, "Refused an unknown API key on {Method} {Path} from {RemoteAddress}.")]
    private static partial void UnknownKey(ILogger logger, string method, PathString path, string? remoteAddress);

    [LoggerMessage(1103, LogLevel.Information, "Refused the API key '{KeyName}' (role {Role}) on {Method} {Path}: the route needs another role.")]
    private static partial void Forbidden(ILogger logger, string keyName, string role, string method, PathString path);
}
