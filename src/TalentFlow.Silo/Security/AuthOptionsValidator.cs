using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>
/// Checks <see cref="AuthOptions"/> at start-up (<c>ValidateOnStart</c>), so that a mistake in the keys stops the host with a
/// message naming the setting, rather than surfacing as refused requests. Messages name keys by their position and
/// name, never by their value.
/// </summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        var seenKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            failures.Add("Auth:AdminKey is not set. A host with a database (ConnectionStrings:TalentFlow) must be given its admin key, " +
                "e.g. the environment variable Auth__AdminKey (or Auth:Enabled=false to run without authentication).");
        }
        else if (CheckKey(options.AdminKey, "Auth:AdminKey") is { } problem)
        {
            failures.Add(problem);
        }
        else
        {
            seenKeys.Add(options.AdminKey, "Auth:AdminKey");
        }

        for (int i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            string where = $"Auth:ApiKeys:{i}" + (string.IsNullOrWhiteSpace(entry.Name) ? "" : $" ('{entry.Name}')");
            if (string.IsNullOrWhiteSpace(entry.Name)) failures.Add($"{where} has no Name.");
            else if (!seenNames.Add(entry.Name.Trim())) failures.Add($"{where}: the name is used by another key; names must be unique.");
            if (ApiRoles.Normalize(entry.Role) is null)
            {
                failures.Add($"{where} has the role '{entry.Role}'; a role is one of {string.Join(", ", ApiRoles.All)}.");
            }
            if (CheckKey(entry.Key, where) is { } problem) failures.Add(problem);
            else if (!seenKeys.TryAdd(entry.Key!, where)) failures.Add($"{where} has the same key as {seenKeys[entry.Key!]}; every key must be different.");
        }
        ValidateJwt(options.Jwt, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateJwt(JwtOptions jwt, List<string> failures)
    {
        if (!jwt.Enabled) return;
        bool authority = !string.IsNullOrWhiteSpace(jwt.Authority), key = !string.IsNullOrWhiteSpace(jwt.SigningKey);
        if (authority && key) failures.Add("Auth:Jwt: set either Authority (keys from its discovery document) or SigningKey (a shared key), not both.");
        if (string.IsNullOrWhiteSpace(jwt.Audience)) failures.Add("Auth:Jwt:Audience is not set; tokens are accepted only for a named audience.");
        if (authority && !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _)) failures.Add("Auth:Jwt:Authority is not an absolute URL.");
        if (key && jwt.SigningKey!.Length < JwtOptions.MinimumSigningKeyLength)
        {
            failures.Add($"Auth:Jwt:SigningKey is shorter than {JwtOptions.MinimumSigningKeyLength} characters.");
        }
    }

    private static string? CheckKey(string? key, string where)
    {
        if (string.IsNullOrEmpty(key)) return $"{where} has no Key.";
        if (key.Length < AuthOptions.MinimumKeyLength) return $"{where}: the key is shorter than {AuthOptions.MinimumKeyLength} characters.";
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '~')) return $"{where}: the key must be printable ASCII without spaces.";
        return null;
    }
}
