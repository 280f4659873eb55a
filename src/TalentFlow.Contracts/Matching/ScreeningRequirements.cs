
namespace TalentFlow.Contracts.Matching;

/// <summary>A screening result's view of the job's requirements: what the resume shows of each, and the sub-scores.</summary>
/// <param name="Items">One per requirement, in the job's order.</param>
/// <param name="MustHaveCoverage">Weighted share of the must-haves shown (met 1, stated elsewhere ½, missing 0); null without must-haves.</param>
/// <param name="NiceToHaveCoverage">The same over the nice-to-haves; null without any.</param>
/// <param name="FailedKnockouts">Ids of the knockouts the resume does not prove; any forces the decision to REJECT.</param>
public sealed record ScreeningRequirements(
    IReadOnlyList<RequirementResult> Items, double? MustHaveCoverage, double? NiceToHaveCoverage, IReadOnlyList<string> FailedKnockouts);

/// <summary>One requirement judged against the resume.</summary>
/// <param name="Id">The requirement's id.</param>
/// <param name="Kind"><c>must_have</c>, <c>nice_to_have</c> or <c>knockout</c>.</param>
/// <param name="Text">The requirement.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Status"><c>met</c>, <c>stated_elsewhere</c> (in other words: a synonym, part of its words, or close in meaning) or <c>missing</c>.</param>
/// <param name="Evidence">The resume sentences (at most three, best first) behind the status; empty when missing.</param>
public sealed record RequirementResult(string Id, string Kind, string Text, double Weight, string Status, IReadOnlyList<RequirementEvidence> Evidence);

/// <summary>A resume sentence quoted for a requirement.</summary>
/// <param name="Sentence">The sentence (masked in blind screening).</param>
/// <param name="Similarity">0–1: the TF-IDF-weighted share of the requirement's words it holds, or the encoder's cosine.</param>
/// <param name="Basis"><c>words</c>, <c>skill</c> (the same skill under another name) or <c>meaning</c> (the sentence encoder).</param>
public sealed record RequirementEvidence(string Sentence, double Similarity, string Basis);
