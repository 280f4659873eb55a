namespace TalentFlow.ML.Parsing;

/// <summary>A position held (seed 000's <c>work_experience</c> item).</summary>
/// <param name="Company">Employer, when recognisable.</param>
/// <param name="Title">Job title, when recognisable.</param>
/// <param name="Description">The entry's text.</param>
/// <param name="Start">Start (year and month; month 1 when only a year is given).</param>
/// <param name="End">End; null when current ("present").</param>
/// <param name="Confidence">0–1: 1 with dates, title and company; less for each missing part and for each of <see cref="Doubts"/>.</param>
public sealed record WorkExperienceItem(string? Company, string? Title, string Description, DateOnly? Start, DateOnly? End, double Confidence)
{
    /// <summary>
    /// Why <see cref="Confidence"/> is lower than the parts found would give: leftovers in the title or company, end before
    /// start, a date in the future, a span too long, too many positions at once, no dates. Empty when nothing is doubtful.
    /// </summary>
    public IReadOnlyList<string> Doubts { get; init; } = [];
}

/// <summary>A degree (seed 000's <c>education</c> item).</summary>
/// <param name="Institution">School, when recognisable.</param>
/// <param name="Degree">Degree as written (BSc, Master of Science, PhD, …).</param>
/// <param name="FieldOfStudy">Field after "in" or "of", when present.</param>
/// <param name="Confidence">0–1.</param>
public sealed record EducationItem(string? Institution, string? Degree, string? FieldOfStudy, double Confidence);

/// <summary>A skill found in the text.</summary>
/// <param name="Skill">Canonical name.</param>
/// <param name="Confidence">1 when found in the skills section, 0.7 elsewhere.</param>
public sealed record SkillItem(string Skill, double Confidence);

/// <summary>The structure of seed 000's <c>parsed_data</c>.</summary>
/// <param name="RawText">The text parsed.</param>
/// <param name="Sections">Section texts by kind.</param>
/// <param name="WorkExperience">Positions, in order of appearance.</param>
/// <param name="Education">Degrees, in order of appearance.</param>
/// <param name="Skills">Skills, each once.</param>
/// <param name="TotalYearsOfExperience">Union of the positions' date ranges, in years (overlaps counted once).</param>
public sealed record ParsedResume(
    string RawText,
    IReadOnlyDictionary<SectionKind, string> Sections,
    IReadOnlyList<WorkExperienceItem> WorkExperience,
    IReadOnlyList<EducationItem> Education,
    IReadOnlyList<SkillItem> Skills,
    double TotalYearsOfExperience)
{
    /// <summary>
    /// Confidence per field (<c>sections</c>, <c>skills</c>, <c>experience</c>, <c>experience_years</c>, <c>education</c>,
    /// <c>contact</c>), 0–1; see <see cref="Parsing.FieldConfidence"/> for how each is derived.
    /// </summary>
    public IReadOnlyDictionary<string, double> FieldConfidence { get; init; } = new Dictionary<string, double>();
}
