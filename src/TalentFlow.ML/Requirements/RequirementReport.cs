namespace TalentFlow.ML.Requirements;

/// <summary>Whether a resume shows a requirement.</summary>
public enum RequirementStatus
{
    /// <summary>A sentence states it in the requirement's words (similarity at or above the evidence threshold).</summary>
    Met,

    /// <summary>
    /// A gap the resume covers in other words: a synonym of the same skill (the skills taxonomy), a sentence that shares part
    /// of its words (similarity between the related and the evidence threshold), or one close in meaning (the encoder).
    /// </summary>
    StatedElsewhere,

    /// <summary>Nothing in the resume shows it.</summary>
    Missing,
}

/// <summary>Why a sentence was quoted as evidence.</summary>
public static class EvidenceBasis
{
    /// <summary>It holds the requirement's own words (TF-IDF-weighted coverage).</summary>
    public const string Words = "words";

    /// <summary>It names the same skill under another name (the skills taxonomy's aliases).</summary>
    public const string Skill = "skill";

    /// <summary>The sentence encoder finds it close in meaning.</summary>
    public const string Meaning = "meaning";
}

/// <summary>A resume sentence quoted for a requirement.</summary>
/// <param name="Sentence">The sentence, as in the (possibly masked) resume text.</param>
/// <param name="Similarity">0–1: the share of the requirement's words it holds, or the encoder's cosine for <see cref="EvidenceBasis.Meaning"/>.</param>
/// <param name="Basis">One of <see cref="EvidenceBasis"/>.</param>
public sealed record EvidenceSentence(string Sentence, double Similarity, string Basis);

/// <summary>One requirement judged against one resume.</summary>
/// <param name="Requirement">The requirement.</param>
/// <param name="Status">Met, stated elsewhere, or missing.</param>
/// <param name="Evidence">The best sentences (at most three), best first; empty when missing.</param>
/// <param name="FailsKnockout">
/// A knockout that the resume does not prove: proof is a sentence in its own words (met) or the same skill fully stated under
/// another name (the taxonomy, at the evidence threshold); sharing part of its words, or only its meaning, is not.
/// </param>
public sealed record RequirementAssessment(Requirement Requirement, RequirementStatus Status, IReadOnlyList<EvidenceSentence> Evidence, bool FailsKnockout = false);

/// <summary>Every requirement of a job judged against one resume, with the sub-scores.</summary>
/// <param name="Items">One assessment per requirement, in the job's order.</param>
/// <param name="MustHaveCoverage">Weighted share of the must-haves shown (met 1, stated elsewhere ½, missing 0); null without must-haves.</param>
/// <param name="NiceToHaveCoverage">The same over the nice-to-haves; null without any.</param>
/// <param name="FailedKnockouts">The knockouts that fail (<see cref="RequirementAssessment.FailsKnockout"/>), in order.</param>
public sealed record RequirementReport(
    IReadOnlyList<RequirementAssessment> Items, double? MustHaveCoverage, double? NiceToHaveCoverage, IReadOnlyList<RequirementAssessment> FailedKnockouts);
