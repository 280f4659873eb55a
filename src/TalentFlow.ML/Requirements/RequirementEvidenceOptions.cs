using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Requirements;

/// <summary>Thresholds of <see cref="RequirementEvidenceFinder"/>. The silo binds them from <c>Evidence:*</c>, validated at start-up.</summary>
public sealed class RequirementEvidenceOptions
{
    /// <summary>
    /// A sentence holding at least this share of a requirement's words (TF-IDF-weighted) is evidence that it is met.
    /// Default 0.6: a requirement of two content words needs both unless one is far more common in the resume than the other.
    /// </summary>
    [Range(0.05, 1.0)]
    public double EvidenceThreshold { get; set; } = 0.6;

    /// <summary>
    /// Below <see cref="EvidenceThreshold"/> but at least this share: the requirement is stated elsewhere in other words.
    /// Default 0.3. Must be below <see cref="EvidenceThreshold"/>.
    /// </summary>
    [Range(0.01, 1.0)]
    public double RelatedThreshold { get; set; } = 0.3;

    /// <summary>
    /// With a sentence encoder, a sentence whose cosine with the requirement reaches this is close in meaning (stated
    /// elsewhere). Default 0.8: the embedded encoders give in-domain sentence pairs cosines of 0.3–0.7, so only near paraphrases pass.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SemanticThreshold { get; set; } = 0.8;

    /// <summary>
    /// With a sentence encoder, embed only the sentences that share a content word, a skill or a word's first letters with a
    /// requirement the words left unproven (the best <see cref="MaxSemanticSentences"/> of them), instead of every sentence of
    /// the resume. Default true: those sentences were most of an upload's encoder work (bench <c>upload-profile</c>), and on
    /// real resumes no sentence outside them reached <see cref="SemanticThreshold"/> (bench <c>evidence-check</c>). False
    /// embeds every sentence, as before.
    /// </summary>
    public bool SemanticPrefilter { get; set; } = true;

    /// <summary>
    /// With <see cref="SemanticPrefilter"/>, most sentences embedded per unproven requirement, those holding most of its words
    /// first. Default 32 (about 450 tokens of a two-page resume's ~1,650).
    /// </summary>
    [Range(1, ResumeSentences.MaxCount)]
    public int MaxSemanticSentences { get; set; } = 32;

    /// <summary>Most sentences quoted per requirement. Default 3.</summary>
    [Range(1, 20)]
    public int MaxEvidence { get; set; } = 3;

    /// <summary>Checks the ranges and that <see cref="RelatedThreshold"/> is below <see cref="EvidenceThreshold"/>.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (RelatedThreshold >= EvidenceThreshold)
        {
            throw new ArgumentException($"RelatedThreshold ({RelatedThreshold}) must be below EvidenceThreshold ({EvidenceThreshold}).");
        }
    }
}
