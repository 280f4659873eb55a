namespace TalentFlow.ML.Onnx.Sections;

/// <summary>
/// The texts of the three sections seed 000 scores separately. A section that is missing or blank is left out of the
/// score and the weights of the others are renormalised.
/// </summary>
/// <param name="Skills">The skills section (or a job's required skills).</param>
/// <param name="Experience">The work experience section (or a job's responsibilities).</param>
/// <param name="Education">The education section (or a job's education requirements).</param>
public sealed record ResumeSections(string? Skills, string? Experience, string? Education);

/// <summary>The embeddings of <see cref="ResumeSections"/>; <see langword="null"/> where the section was blank.</summary>
/// <param name="Skills">Unit vector of the skills section, or <see langword="null"/>.</param>
/// <param name="Experience">Unit vector of the experience section, or <see langword="null"/>.</param>
/// <param name="Education">Unit vector of the education section, or <see langword="null"/>.</param>
/// <param name="VersionId">The encoder version that made them (vectors of different versions are not comparable).</param>
public sealed record SectionEmbeddings(float[]? Skills, float[]? Experience, float[]? Education, string VersionId);

/// <summary>Weights of the three sections in <see cref="SectionEmbedder.Score"/>; seed 000's 0.4 / 0.4 / 0.2 by default.</summary>
/// <param name="Skills">Weight of the skills similarity.</param>
/// <param name="Experience">Weight of the experience similarity.</param>
/// <param name="Education">Weight of the education similarity.</param>
public sealed record SectionWeights(double Skills = 0.4, double Experience = 0.4, double Education = 0.2);
