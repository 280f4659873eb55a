using TalentFlow.ML.Requirements;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>A job as the screening features see it.</summary>
/// <param name="Title">The job's title (may be empty).</param>
/// <param name="Description">The posting, sections or one paragraph.</param>
/// <param name="Requirements">The job's requirements; null proposes them from the description (<see cref="RequirementProposer"/>).</param>
/// <param name="RequiredSkills">Skills the job requires; null finds them in the text.</param>
public sealed record ScreeningJob(string Title, string Description, IReadOnlyList<Requirement>? Requirements = null, IReadOnlyList<string>? RequiredSkills = null);

/// <summary>A requirement reduced to its content words, for the cheap coverage feature.</summary>
/// <param name="Kind">Must-have, nice-to-have or knockout.</param>
/// <param name="Weight">Its weight within its kind.</param>
/// <param name="Terms">Hashes of its content words (<see cref="ScreeningTerms"/>), each once.</param>
public sealed record ScreeningRequirement(RequirementKind Kind, double Weight, int[] Terms);

/// <summary>
/// A job's half of the screening features, computed once per posting (and per <see cref="ScreeningFeatures.Version"/>): a
/// grain keeps it, so that scoring a candidate only combines two halves.
/// </summary>
/// <param name="FeatureVersion">The <see cref="ScreeningFeatures.Version"/> that made it.</param>
/// <param name="Text">TF-IDF of title and description.</param>
/// <param name="Skills">TF-IDF of the skills section (the whole text when there is none).</param>
/// <param name="Experience">TF-IDF of the experience section (the whole text when there is none).</param>
/// <param name="Education">TF-IDF of the education section (the whole text when there is none).</param>
/// <param name="Title">TF-IDF of the title.</param>
/// <param name="TitleTerms">Hashes of the title's content words.</param>
/// <param name="Occupations">Occupation profile of the text.</param>
/// <param name="Words">Sorted hashes of the content words of title and description.</param>
/// <param name="RequiredSkills">Canonical required skills.</param>
/// <param name="Requirements">The requirements, as words.</param>
/// <param name="MinYears">Least years asked, when stated.</param>
/// <param name="DegreeLevel">Degree asked: 0 associate … 3 PhD; −1 not stated.</param>
/// <param name="Embeddings">With an encoder: the text's and the title's embeddings; else empty.</param>
/// <param name="Norm">
/// With a <see cref="ScreeningBackground"/>: per feature, this job's mean and deviation against the pool (0 and 1 for a feature
/// not normalised); null without one.
/// </param>
public sealed record ScreeningJobSide(
    string FeatureVersion, SparseVector Text, SparseVector Skills, SparseVector Experience, SparseVector Education, SparseVector Title,
    int[] TitleTerms, ScreeningProfile Occupations, int[] Words, string[] RequiredSkills, ScreeningRequirement[] Requirements, double? MinYears, int DegreeLevel,
    float[][] Embeddings, ScreeningJobNorm? Norm = null);

/// <summary>A job's statistics against the background pool, computed once per job: each feature becomes (x − mean) / scale.</summary>
/// <param name="Means">Per feature (vector order), the job's mean over the pool; 0 for a feature not normalised.</param>
/// <param name="Scales">Per feature, the job's deviation over the pool (at least the pool's floor); 1 for a feature not normalised.</param>
public sealed record ScreeningJobNorm(float[] Means, float[] Scales);

/// <summary>A resume's half of the screening features, computed once per resume (and per <see cref="ScreeningFeatures.Version"/>).</summary>
/// <param name="FeatureVersion">The <see cref="ScreeningFeatures.Version"/> that made it.</param>
/// <param name="Text">TF-IDF of the whole text.</param>
/// <param name="Skills">TF-IDF of the skills section (the whole text when there is none).</param>
/// <param name="Experience">TF-IDF of the experience section (the whole text when there is none).</param>
/// <param name="Education">TF-IDF of the education section (the whole text when there is none).</param>
/// <param name="Headline">TF-IDF of the headline: the first line and the titles of the positions held.</param>
/// <param name="HeadlineTerms">Hashes of the headline's content words.</param>
/// <param name="HeadlineOccupations">Occupation profile of the headline alone (the role the resume claims).</param>
/// <param name="Terms">Sorted hashes of the resume's content words.</param>
/// <param name="Occupations">Occupation profile of the text.</param>
/// <param name="SkillNames">Canonical skills named.</param>
/// <param name="Years">Years of experience, when any position is dated.</param>
/// <param name="DegreeLevel">Highest degree: 0 associate … 3 PhD; −1 none found.</param>
/// <param name="Embeddings">With an encoder: the text's, the headline's and the experience section's embeddings; else empty.</param>
public sealed record ScreeningResumeSide(
    string FeatureVersion, SparseVector Text, SparseVector Skills, SparseVector Experience, SparseVector Education, SparseVector Headline,
    int[] HeadlineTerms, ScreeningProfile HeadlineOccupations, int[] Terms, ScreeningProfile Occupations, string[] SkillNames, double? Years, int DegreeLevel, float[][] Embeddings);
