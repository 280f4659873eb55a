using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Requirements;

/// <summary>
/// Finds, for each requirement of a job, the resume sentences that show it (<see cref="ResumeSentences"/>), and sorts the
/// gaps: <see cref="RequirementStatus.StatedElsewhere"/> (other words) or <see cref="RequirementStatus.Missing"/>.
/// <para>
/// Similarity of a requirement and a sentence is the TF-IDF-weighted share of the requirement's content words that the
/// sentence holds (<see cref="RequirementTerms"/>): idf is scikit-learn's smooth idf over the resume's sentences, so a word the
/// resume repeats everywhere proves less than a rare one. Coverage rather than cosine, because a sentence that says more
/// than the requirement still satisfies it. Then, in order: the best sentence at or above
/// <see cref="RequirementEvidenceOptions.EvidenceThreshold"/> → met; a sentence naming one of the requirement's skills under
/// another name (the skills taxonomy: "k8s" for "Kubernetes"), with the coverage counting the canonical names' words on both
/// sides at or above the related threshold → stated elsewhere; the best at or above
/// <see cref="RequirementEvidenceOptions.RelatedThreshold"/> → stated elsewhere; with an encoder, a sentence whose cosine reaches
/// <see cref="RequirementEvidenceOptions.SemanticThreshold"/> → stated elsewhere; else missing.
/// </para>
/// </summary>
public sealed class RequirementEvidenceFinder
{
    private readonly RequirementEvidenceOptions _options;
    private readonly SkillVocabulary _skills;

    /// <summary>Creates a finder; <paramref name="options"/> are validated.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RequirementEvidenceFinder(RequirementEvidenceOptions? options = null, SkillVocabulary? skills = null)
    {
        _options = options ?? new RequirementEvidenceOptions();
        _options.Validate();
        _skills = skills ?? SkillVocabulary.Default;
    }

    /// <summary>Judges <paramref name="requirements"/> against <paramref name="resumeText"/> by their words and skills alone.</summary>
    public RequirementReport Assess(IReadOnlyList<Requirement> requirements, string resumeText) =>
        Assess(requirements, ResumeSentences.Split(resumeText ?? throw new ArgumentNullException(nameof(resumeText))), null);

    /// <summary>
    /// Judges <paramref name="requirements"/> against <paramref name="resumeText"/>; <paramref name="encoder"/>, when given, also
    /// finds sentences close in meaning.
    /// </summary>
    public async Task<RequirementReport> AssessAsync(IReadOnlyList<Requirement> requirements, string resumeText, IEncoder? encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(resumeText);
        var sentences = ResumeSentences.Split(resumeText);
        float[][]? cosines = null;
        if (encoder is not null && requirements.Count > 0 && sentences.Count > 0)
        {
            var texts = new List<string>(requirements.Count + sentences.Count);
            texts.AddRange(requirements.Select(r => r.Text));
            texts.AddRange(sentences);
            var vectors = await encoder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
            cosines = new float[requirements.Count][];
            for (int r = 0; r < requirements.Count; r++)
            {
                cosines[r] = new float[sentences.Count];
                for (int s = 0; s < sentences.Count; s++) cosines[r][s] = TensorPrimitives.Dot(vectors[r], vectors[requirements.Count + s]);
            }
        }
        return Assess(requirements, sentences, cosines);
    }

    private RequirementReport Assess(IReadOnlyList<Requirement> requirements, IReadOnlyList<string> sentences, float[][]? cosines)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var terms = new RequirementTerms(sentences);
        var sentenceSkills = sentences.Select(s => _skills.Find(s)).ToArray();
        var items = new List<RequirementAssessment>(requirements.Count);
        for (int r = 0; r < requirements.Count; r++)
        {
            items.Add(AssessOne(requirements[r], sentences, terms, sentenceSkills, cosines?[r]));
        }
        return new RequirementReport(items, Coverage(items, RequirementKind.MustHave), Coverage(items, RequirementKind.NiceToHave),
            [.. items.Where(i => i.FailsKnockout)]);
    }

    private RequirementAssessment AssessOne(Requirement requirement, IReadOnlyList<string> sentences, RequirementTerms terms,
        IReadOnlyList<string>[] sentenceSkills, float[]? cosines)
    {
        var wanted = terms.Weigh(requirement.Text);
        var lexical = new double[sentences.Count];
        for (int s = 0; s < sentences.Count; s++) lexical[s] = terms.Coverage(wanted, s);

        var met = Top(Enumerable.Range(0, sentences.Count).Where(s => lexical[s] >= _options.EvidenceThreshold), lexical, sentences, EvidenceBasis.Words);
        if (met.Count > 0) return new RequirementAssessment(requirement, RequirementStatus.Met, met);

        // The same skill under another name: the taxonomy knows "k8s" is Kubernetes, the words do not. Both sides gain the
        // words of the canonical names of the skills they name, and the coverage is measured again.
        var skills = _skills.Find(requirement.Text);
        if (skills.Count > 0)
        {
            var wantedWithSkills = terms.Weigh(requirement.Text, skills);
            var aliased = new double[sentences.Count];
            var named = new List<int>();
            for (int s = 0; s < sentences.Count; s++)
            {
                if (!sentenceSkills[s].Any(k => skills.Contains(k, StringComparer.Ordinal))) continue;
                aliased[s] = terms.Coverage(wantedWithSkills, s, sentenceSkills[s]);
                if (aliased[s] >= _options.RelatedThreshold) named.Add(s);
            }
            var evidence = Top(named, aliased, sentences, EvidenceBasis.Skill);
            if (evidence.Count > 0)
            {
                // Fully stated under another name proves a knockout; a skill named beside missing words does not.
                return new RequirementAssessment(requirement, RequirementStatus.StatedElsewhere, evidence,
                    FailsKnockout: requirement.Kind == RequirementKind.Knockout && evidence[0].Similarity < _options.EvidenceThreshold);
            }
        }

        var related = Top(Enumerable.Range(0, sentences.Count).Where(s => lexical[s] >= _options.RelatedThreshold), lexical, sentences, EvidenceBasis.Words);
        if (related.Count > 0) return new RequirementAssessment(requirement, RequirementStatus.StatedElsewhere, related, Knockout(requirement));

        if (cosines is not null)
        {
            var semantic = Array.ConvertAll(cosines, c => (double)c);
            var close = Top(Enumerable.Range(0, sentences.Count).Where(s => semantic[s] >= _options.SemanticThreshold), semantic, sentences, EvidenceBasis.Meaning);
            if (close.Count > 0) return new RequirementAssessment(requirement, RequirementStatus.StatedElsewhere, close, Knockout(requirement));
        }
        return new RequirementAssessment(requirement, RequirementStatus.Missing, [], Knockout(requirement));
    }

    private static bool Knockout(Requirement requirement) => requirement.Kind == RequirementKind.Knockout;

    private List<EvidenceSentence> Top(IEnumerable<int> candidates, double[] similarity, IReadOnlyList<string> sentences, string basis) =>
        [.. candidates
            .OrderByDescending(s => similarity[s]).ThenBy(s => s)
            .Take(_options.MaxEvidence)
            .Select(s => new EvidenceSentence(sentences[s], Math.Round(Math.Clamp(similarity[s], 0, 1), 4), basis))];

    private static double? Coverage(List<RequirementAssessment> items, RequirementKind kind)
    {
        double total = 0, shown = 0;
        foreach (var item in items)
        {
            if (item.Requirement.Kind != kind) continue;
            total += item.Requirement.Weight;
            shown += item.Requirement.Weight * item.Status switch { RequirementStatus.Met => 1.0, RequirementStatus.StatedElsewhere => 0.5, _ => 0.0 };
        }
        return total > 0 ? Math.Round(shown / total, 4) : null;
    }
}
