using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>
/// Says at start-up how the host authenticates: the names of its keys (in the log), a warning when authentication is off,
/// and — once, on stdout, outside logging so no log sink stores it — the admin key generated for this run.
/// </summary>
internal sealed partial class AuthStartupNotice(
    IOptions<AuthOptions> options, GeneratedAdminKey generated, ApiKeyStore keys, StartupConsole console,
    IHostApplicationLifetime lifetime, ILogger<AuthStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            AuthenticationOff(logger);
            return Task.CompletedTask;
        }
        KeysLoaded(logger, string.Join(", ", keys.Names));
        if (generated.Value is { } key)
        {
            AdminKeyGenerated(logger);
            // After Kestrel's "Now listening on", so the key is the last thing an operator reads.
            lifetime.ApplicationStarted.Register(() =>
            {
                console.Out.WriteLine($"Admin API key (generated for this run): {key}");
                console.Out.Flush();
            });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1111, LogLevel.Warning, "Authentication is off (Auth:Enabled=false): every route is open to anyone. Use this for local experiments only.")]
    private static partial void AuthenticationOff(ILogger logger);

    [LoggerMessage(1112, LogLevel.Information, "API keys: {Keys}.")]
    private static partial void KeysLoaded(ILogger logger, string keys);

    [LoggerMessage(1113, LogLevel.Information, "No Auth:AdminKey is configured, so an admin key was generated for this run and printed on the console; set Auth:AdminKey to choose one.")]
    private static partial void AdminKeyGenerated(ILogger logger);
}
