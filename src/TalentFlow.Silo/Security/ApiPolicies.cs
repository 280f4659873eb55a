namespace TalentFlow.Silo.Security;

/// <summary>
/// The authorization policies routes ask for, each a set of roles (admin is in every set). Which route takes which policy is
/// decided next to the route, in <c>Endpoints/*</c> and <c>Dashboard/*</c>; routes that name none get <see cref="Admin"/>.
/// </summary>
internal static class ApiPolicies
{
    /// <summary>Read jobs, candidates, scores, rankings and screening results: every role.</summary>
    public const string Read = "read";

    /// <summary>Store jobs and candidates, upload resumes: recruiter, admin.</summary>
    public const string Upload = "upload";

    /// <summary>Give feedback on screening results and follow the training status it feeds: reviewer, admin.</summary>
    public const string Feedback = "feedback";

    /// <summary>List disputed results and decide them (review adjudication): adjudicator, admin.</summary>
    public const string Adjudicate = "adjudicate";

    /// <summary>Training, the model registry, the cluster and the dashboard's data: admin.</summary>
    public const string Admin = "admin";

    /// <summary>The roles that satisfy <paramref name="policy"/> (empty for a policy this class does not define).</summary>
    public static IReadOnlyList<string> RolesFor(string? policy) => policy switch
    {
        Read => [ApiRoles.Recruiter, ApiRoles.Reviewer, ApiRoles.Admin],
        Upload => [ApiRoles.Recruiter, ApiRoles.Admin],
        Feedback => [ApiRoles.Reviewer, ApiRoles.Admin],
        Adjudicate => [ApiRoles.Adjudicator, ApiRoles.Admin],
        Admin => [ApiRoles.Admin],
        _ => [],
    };

    /// <summary>Every policy this class defines.</summary>
    public static readonly IReadOnlyList<string> All = [Read, Upload, Feedback, Adjudicate, Admin];
}
