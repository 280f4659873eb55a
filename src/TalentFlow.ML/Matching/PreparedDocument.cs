using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Matching;

/// <summary>A resume or job turned into one TF-IDF vector per scored section and its skills; reusable across scores.</summary>
/// <param name="Skills">Section vector for skills.</param>
/// <param name="Experience">Section vector for experience.</param>
/// <param name="Education">Section vector for education.</param>
/// <param name="SkillNames">Canonical skills named in the document.</param>
public sealed record PreparedDocument(SparseVector Skills, SparseVector Experience, SparseVector Education, IReadOnlyList<string> SkillNames);
