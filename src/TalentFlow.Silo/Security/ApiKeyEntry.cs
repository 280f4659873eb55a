namespace TalentFlow.Silo.Security;

/// <summary>One configured API key (<c>Auth:ApiKeys:N</c>): who holds it, the secret, and the role it grants.</summary>
internal sealed class ApiKeyEntry
{
    /// <summary>Who holds the key; the only part of a key that logs and messages show. Required, unique.</summary>
    public string? Name { get; set; }

    /// <summary>The secret: at least <see cref="AuthOptions.MinimumKeyLength"/> characters, no white space. Required, unique.</summary>
    public string? Key { get; set; }

    /// <summary><c>recruiter</c>, <c>reviewer</c> or <c>admin</c> (see <see cref="ApiRoles"/>). Required.</summary>
    public string? Role { get; set; }

    /// <summary>Name and role only: the key never reaches a log or a debugger's summary.</summary>
    public override string ToString() => $"{Name} ({Role}, key [redacted])";
}
