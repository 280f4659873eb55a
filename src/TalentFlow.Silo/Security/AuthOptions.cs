namespace TalentFlow.Silo.Security;

/// <summary>
/// Authentication (configuration section <c>Auth</c>), validated at start-up by <see cref="AuthOptionsValidator"/>.
/// Secrets come from configuration (environment variables <c>Auth__AdminKey</c>, <c>Auth__ApiKeys__0__Key</c>, ...) and
/// never reach a log: <see cref="ToString"/> redacts them.
/// </summary>
internal sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>The shortest key accepted: 24 characters.</summary>
    public const int MinimumKeyLength = 24;

    /// <summary>
    /// Default true. <c>Auth:Enabled=false</c> opens every route to anyone, for local experiments only; start-up logs a
    /// warning saying so.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The admin key. Default unset: the embedded default (no database) then generates one per run and prints it once on
    /// stdout; a host with a database refuses to start without it.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>Further keys, each with a name and a role. Default none.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>JWT bearer tokens besides API keys (<c>Auth:Jwt</c>). Default off.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>The shape of the options with every secret redacted.</summary>
    public override string ToString() =>
        $"Enabled={Enabled}, AdminKey={(string.IsNullOrEmpty(AdminKey) ? "unset" : "[redacted]")}, ApiKeys=[{string.Join(", ", ApiKeys)}], Jwt=({Jwt})";
}
