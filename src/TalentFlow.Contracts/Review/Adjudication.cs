
namespace TalentFlow.Contracts.Review;

/// <summary>An adjudicator's decision on a disputed result: the label that reaches training.</summary>
/// <param name="Label"><c>shortlist</c> or <c>reject</c>.</param>
/// <param name="Reason">Why (required, for the audit trail).</param>
/// <param name="Adjudicator">Who decided.</param>
/// <param name="DecidedAt">When it was durable.</param>
public sealed record Adjudication(string Label, string Reason, string Adjudicator, DateTimeOffset DecidedAt)
{
    /// <summary>Checks a requested decision; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static void Validate(string? label, string? reason)
    {
        if (label is not ("shortlist" or "reject")) throw new ArgumentException($"label must be 'shortlist' or 'reject', not '{label}'.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("reason is required.");
        if (reason.Length > 10_000) throw new ArgumentException("reason is over 10,000 characters.");
    }
}

/// <summary>A reviewer's latest label on a result.</summary>
/// <param name="Reviewer">The reviewer (<c>(anonymous)</c> for verdicts given without a name).</param>
/// <param name="Label"><c>shortlist</c> or <c>reject</c>.</param>
/// <param name="SubmittedAt">When it was acknowledged.</param>
/// <param name="Notes">The reviewer's notes.</param>
public sealed record ReviewVerdict(string Reviewer, string Label, DateTimeOffset SubmittedAt, string? Notes);

/// <summary>A result whose reviewers disagree once the overlap is reached, with their verdicts and, once decided, the adjudication.</summary>
/// <param name="ResultId">The screening result.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="CandidateName">The candidate's display name.</param>
/// <param name="Score">The model's score.</param>
/// <param name="ModelDecision">The model's recommendation.</param>
/// <param name="Verdicts">Each reviewer's latest verdict, by reviewer name.</param>
/// <param name="Adjudication">The decision, once made.</param>
public sealed record AdjudicationCase(
    string ResultId, string CandidateId, string CandidateName, double Score, string ModelDecision, IReadOnlyList<ReviewVerdict> Verdicts, Adjudication? Adjudication);

/// <summary>A review action that clashes with the result's state (e.g. adjudicating a result that is not disputed); HTTP maps it to 409.</summary>
public sealed class ReviewConflictException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public ReviewConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ReviewConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ReviewConflictException()
        : base("The result is not in a state that allows this.")
    {
    }
}
