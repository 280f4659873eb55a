
namespace TalentFlow.Contracts.Candidates;

/// <summary>A resume as it arrives: already extracted to text (see <c>TalentFlow.ML.Documents</c> for files).</summary>
/// <param name="Name">The candidate's display name.</param>
/// <param name="Text">The resume's text.</param>
/// <param name="Source">Where it came from (a file name, "api", "sample"); for the audit trail only.</param>
/// <param name="TextQuality">How well the text was extracted from its document, 0–1 (<c>ExtractionQuality.Score</c>); null for
/// typed text (1). Scales the profile's field confidences.</param>
public sealed record CandidateResume(string Name, string Text, string? Source = null, double? TextQuality = null);
