using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// Career advice (seed 004): a person's text, or a stored candidate's profile → the most probable careers with calibrated
/// confidence, the skills to learn for each and books. A stateless worker: every silo answers locally from the model it
/// serves; use key <see cref="Key"/>.
/// </summary>
public interface ICareerAdvisorGrain : IGrain
{
    /// <summary>The one key callers use.</summary>
    public const string Key = "careers";

    /// <summary>Recommends careers for <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">Neither or both of text and candidate id, an empty text, or top k outside 1–50.</exception>
    /// <exception cref="KeyNotFoundException">The candidate does not exist.</exception>
    [ReadOnly]
    Task<CareerAdviceResult> RecommendAsync(CareerQuery query, CancellationToken cancellationToken = default);
}

/// <summary>What to advise on: free text about a person or a stored candidate, and how many careers.</summary>
/// <param name="Text">Free text (a resume, a profile, interests); null when <paramref name="CandidateId"/> is given.</param>
/// <param name="CandidateId">A stored candidate, whose parsed profile is the text; null when <paramref name="Text"/> is given.</param>
/// <param name="TopK">How many careers, 1–50.</param>
public sealed record CareerQuery(string? Text, string? CandidateId, int TopK = 3);

/// <summary>The advice.</summary>
/// <param name="Careers">The top careers, most probable first.</param>
/// <param name="SkillsFound">Skills found in the person's text.</param>
/// <param name="ModelVersion">The career model that answered.</param>
/// <param name="IsSample">True when that model was trained on generated sample data.</param>
public sealed record CareerAdviceResult(IReadOnlyList<RecommendedCareer> Careers, IReadOnlyList<string> SkillsFound, string ModelVersion, bool IsSample);

/// <summary>One recommended career.</summary>
/// <param name="Career">Its name.</param>
/// <param name="Confidence">Calibrated probability, 0–1.</param>
/// <param name="SkillsToLearn">The career's skills the person's text does not show.</param>
/// <param name="Books">Books for the career.</param>
public sealed record RecommendedCareer(string Career, double Confidence, IReadOnlyList<string> SkillsToLearn, IReadOnlyList<RecommendedBook> Books);

/// <summary>A book.</summary>
/// <param name="Title">The title.</param>
/// <param name="Author">The author, or empty.</param>
public sealed record RecommendedBook(string Title, string Author);
