
namespace TalentFlow.Contracts.Careers;

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
/// <param name="OutOfDomain">
/// True when the text is nothing the model can advise on (too short, or unlike anything it was trained on); the confidences
/// are then the uniform prior, not a guess.
/// </param>
/// <param name="ConfidenceNote">Why <paramref name="OutOfDomain"/> is true, in words a user reads; null otherwise.</param>
public sealed record CareerAdviceResult(IReadOnlyList<RecommendedCareer> Careers, IReadOnlyList<string> SkillsFound, string ModelVersion, bool IsSample,
    bool OutOfDomain = false, string? ConfidenceNote = null);

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
