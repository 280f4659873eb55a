
namespace TalentFlow.Contracts.Candidates;

/// <summary>What the system understood of a resume.</summary>
/// <param name="Id">The candidate id (the grain key).</param>
/// <param name="Name">Display name.</param>
/// <param name="Skills">Canonical skills found, most confident first.</param>
/// <param name="TotalYearsExperience">Years of work experience, overlapping jobs counted once.</param>
/// <param name="Sections">The sections recognised (summary, skills, experience, education, projects, certifications).</param>
/// <param name="Experience">Work-experience items.</param>
/// <param name="Education">Education items.</param>
/// <param name="TextLength">Characters of resume text stored.</param>
/// <param name="UpdatedAt">When the resume was last stored.</param>
/// <param name="FieldConfidence">
/// How sure the parser is of each field, 0–1: <c>sections</c>, <c>skills</c>, <c>experience</c>, <c>experience_years</c>,
/// <c>education</c>, <c>contact</c> (found under a recognised heading or inferred from the whole text, how many mentions
/// support it, times the document's extraction quality); null for profiles stored before confidences existed.
/// </param>
public sealed record CandidateProfile(
    string Id,
    string Name,
    IReadOnlyList<string> Skills,
    double TotalYearsExperience,
    IReadOnlyList<string> Sections,
    IReadOnlyList<WorkExperienceItem> Experience,
    IReadOnlyList<EducationItem> Education,
    int TextLength,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, double>? FieldConfidence = null);

/// <summary>One job in a resume.</summary>
/// <param name="Title">Job title, when found.</param>
/// <param name="Company">Employer, when found.</param>
/// <param name="Start">Start (year-month), when found.</param>
/// <param name="End">End (year-month), or null for present/unknown.</param>
/// <param name="Confidence">How sure the parser is, 0–1.</param>
public sealed record WorkExperienceItem(string? Title, string? Company, string? Start, string? End, double Confidence);

/// <summary>One degree in a resume.</summary>
/// <param name="Institution">School, when found.</param>
/// <param name="Degree">Degree, when found.</param>
/// <param name="FieldOfStudy">Field, when found.</param>
/// <param name="Confidence">How sure the parser is, 0–1.</param>
public sealed record EducationItem(string? Institution, string? Degree, string? FieldOfStudy, double Confidence);
