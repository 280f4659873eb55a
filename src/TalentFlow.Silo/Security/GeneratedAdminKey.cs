using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>
/// The embedded default's admin key: when the host has no database and no <c>Auth:AdminKey</c>, one is generated for the run
/// (32 random bytes, base64url, prefix <c>tf_</c>) and put into <see cref="AuthOptions"/> before validation.
/// <see cref="AuthStartupNotice"/> prints it once. A host with a database never generates one.
/// </summary>
internal sealed class GeneratedAdminKey(bool generateWhenMissing) : IPostConfigureOptions<AuthOptions>
{
    /// <summary>The generated key, or null when none was generated (configured, not embedded, or authentication off).</summary>
    public string? Value { get; private set; }

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (!generateWhenMissing || !options.Enabled || !string.IsNullOrWhiteSpace(options.AdminKey)) return;
        Value ??= "tf_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        options.AdminKey = Value;
    }
}
