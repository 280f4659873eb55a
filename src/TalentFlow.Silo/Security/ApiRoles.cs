namespace TalentFlow.Silo.Security;

/// <summary>
/// The roles an API key carries (configuration <c>Auth:ApiKeys:N:Role</c>). Admin may do everything; a reviewer reads and
/// gives feedback; a recruiter uploads and reads results; an adjudicator decides results that reviewers disputed (and only that). The hierarchy lives in <see cref="ApiPolicies"/>, not in the claims:
/// a key carries exactly its own role.
/// </summary>
internal static class ApiRoles
{
    public const string Recruiter = "recruiter";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
    public const string Adjudicator = "adjudicator";

    /// <summary>Every role, in the order the start-up messages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Recruiter, Reviewer, Admin, Adjudicator];

    /// <summary>The canonical (lower-case) name of <paramref name="role"/>, or null when it is not a role.</summary>
    public static string? Normalize(string? role) =>
        role is null ? null : All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
