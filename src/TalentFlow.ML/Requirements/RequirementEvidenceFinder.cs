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
/// <para>
/// The encoder sees only what can change the answer: the requirements the words and skills left unproven, against the
/// sentences sharing a word, a skill or a word's first letters with them (<see cref="RequirementEvidenceOptions.SemanticPrefilter"/>,
/// at most <see cref="RequirementEvidenceOptions.MaxSemanticSentences"/> each), in one call.
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
        Assess(requirements ?? throw new ArgumentNullException(nameof(requirements)), ResumeSentences.Split(resumeText ?? throw new ArgumentNullException(nameof(resumeText))));

    /// <summary>
    /// Judges <paramref name="requirements"/> against <paramref name="resumeText"/>; <paramref name="encoder"/>, when given, also
    /// finds sentences close in meaning (the unproven requirements and the sentences <see cref="SemanticCandidates"/> chooses,
    /// in one call; none when every requirement is decided by its words or no sentence may show the rest).
    /// </summary>
    public async Task<RequirementReport> AssessAsync(IReadOnlyList<Requirement> requirements, string resumeText, IEncoder? encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(resumeText);
        var resume = new ResumeView(ResumeSentences.Split(resumeText), _skills);
        var items = new RequirementAssessment?[requirements.Count];
        var open = new List<int>();
        for (int r = 0; r < requirements.Count; r++)
        {
            items[r] = AssessByWords(requirements[r], resume);
            if (items[r] is null) open.Add(r);
        }
        // The encoder is asked only about requirements the words and skills left unproven, and only for the sentences that may
        // show them: on the upload path those sentences were most of the encoder's work (bench upload-profile).
        var chosen = encoder is null || open.Count == 0 ? [] : SemanticCandidates([.. open.Select(r => requirements[r])], resume);
        if (chosen.Count > 0)
        {
            var texts = new List<string>(open.Count + chosen.Count);
            texts.AddRange(open.Select(r => requirements[r].Text));
            texts.AddRange(chosen.Select(s => resume.Sentences[s]));
            var vectors = await encoder!.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < open.Count; i++)
            {
                // Every embedded sentence is compared with every open requirement: a sentence chosen for one requirement costs
                // nothing more for the others, and more candidates only bring the result closer to embedding them all.
                var cosine = new double[resume.Sentences.Count];
                for (int c = 0; c < chosen.Count; c++) cosine[chosen[c]] = TensorPrimitives.Dot(vectors[i], vectors[open.Count + c]);
                var close = Top(chosen.Where(s => cosine[s] >= _options.SemanticThreshold), cosine, resume.Sentences, EvidenceBasis.Meaning);
                var requirement = requirements[open[i]];
                if (close.Count > 0) items[open[i]] = new RequirementAssessment(requirement, RequirementStatus.StatedElsewhere, close, Knockout(requirement));
            }
        }
        return Report([.. items.Select((item, r) => item ?? Missing(requirements[r]))]);
    }

    private RequirementReport Assess(IReadOnlyList<Requirement> requirements, IReadOnlyList<string> sentences)
    {
        var resume = new ResumeView(sentences, _skills);
        return Report([.. requirements.Select(r => AssessByWords(r, resume) ?? Missing(r))]);
    }

    /// <summary>
    /// The sentences worth embedding for <paramref name="open"/> (requirements their words and skills left unproven), in
    /// sentence order without repeats: for each requirement, the best <see cref="RequirementEvidenceOptions.MaxSemanticSentences"/>
    /// of <see cref="Rank"/>; every sentence without <see cref="RequirementEvidenceOptions.SemanticPrefilter"/>.
    /// </summary>
    internal List<int> SemanticCandidates(IReadOnlyList<Requirement> open, ResumeView resume)
    {
        int n = resume.Sentences.Count;
        if (!_options.SemanticPrefilter) return [.. Enumerable.Range(0, n)];
        var chosen = new bool[n];
        foreach (var requirement in open)
        {
            foreach (int s in Rank(requirement, resume).Sentences.Take(_options.MaxSemanticSentences)) chosen[s] = true;
        }
        return [.. Enumerable.Range(0, n).Where(s => chosen[s])];
    }

    /// <summary>
    /// The sentences that may say <paramref name="requirement"/> in other words, best first: those sharing one of its content
    /// words or naming one of its skills (under any alias), by the share of its words they hold; then those sharing only a
    /// word's first <see cref="ResumeView.NearLength"/> letters ("management" and "managed", which the light stem keeps
    /// apart), by the share of such words. A sentence sharing neither is not ranked: on the data <c>evidence-check</c> reads,
    /// no such sentence came near the semantic threshold.
    /// </summary>
    internal (List<int> Sentences, SemanticReach Reach) Rank(Requirement requirement, ResumeView resume)
    {
        int n = resume.Sentences.Count;
        var wanted = resume.Terms.Weigh(requirement.Text, _skills.Find(requirement.Text));
        var score = new double[n];
        var ranked = new List<int>();
        for (int s = 0; s < n; s++)
        {
            score[s] = resume.Terms.Coverage(wanted, s, resume.SentenceSkills[s]);
            if (score[s] > 0) ranked.Add(s);
        }
        ranked.Sort((x, y) => score[y].CompareTo(score[x]) is var c && c != 0 ? c : x.CompareTo(y));
        var reach = ranked.Count > 0 ? SemanticReach.Words : SemanticReach.None;

        var near = ResumeView.NearWords(RequirementTerms.Words(requirement.Text, dropFiller: true));
        if (near.Count == 0) return (ranked, reach);
        var nearScore = new double[n];
        var nearly = new List<int>();
        for (int s = 0; s < n; s++)
        {
            if (score[s] > 0) continue;
            nearScore[s] = (double)near.Count(resume.NearWordsOf(s).Contains) / near.Count;
            if (nearScore[s] > 0) nearly.Add(s);
        }
        nearly.Sort((x, y) => nearScore[y].CompareTo(nearScore[x]) is var c && c != 0 ? c : x.CompareTo(y));
        if (reach == SemanticReach.None && nearly.Count > 0) reach = SemanticReach.NearWords;
        ranked.AddRange(nearly);
        return (ranked, reach);
    }

    /// <summary>The requirement judged by its words and skills: met or stated elsewhere, or null when neither shows it.</summary>
    private RequirementAssessment? AssessByWords(Requirement requirement, ResumeView resume)
    {
        var (sentences, terms, sentenceSkills) = (resume.Sentences, resume.Terms, resume.SentenceSkills);
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
        return related.Count > 0 ? new RequirementAssessment(requirement, RequirementStatus.StatedElsewhere, related, Knockout(requirement)) : null;
    }

    private static RequirementAssessment Missing(Requirement requirement) => new(requirement, RequirementStatus.Missing, [], Knockout(requirement));

    private static RequirementReport Report(List<RequirementAssessment> items) =>
        new(items, Coverage(items, RequirementKind.MustHave), Coverage(items, RequirementKind.NiceToHave), [.. items.Where(i => i.FailsKnockout)]);

    private static bool Knockout(Requirement requirement) => requirement.Kind == RequirementKind.Knockout;

    private List<EvidenceSentence> Top(IEnumerable<int> candidates, double[] similarity, IReadOnlyList<string> sentences, string basis) =>
        [.. candidates
            .OrderByDescending(s => similarity[s]).ThenBy(s => s)
            .Take(_options.MaxEvidence)
            .Select(s => new EvidenceSentence(sentences[s], Math.Round(Math.Clamp(similarity[s], 0, 1), 4), basis))];

    /// <summary>A resume's sentences with what every requirement reads of them: their words' weights and the skills they name.</summary>
    internal sealed class ResumeView(IReadOnlyList<string> sentences, SkillVocabulary skills)
    {
        /// <summary>Letters two words share at their start to count as near: 5 ("analyst", "analytics"; "manager", "management").</summary>
        public const int NearLength = 5;

        private HashSet<string>[]? _near;

        public IReadOnlyList<string> Sentences { get; } = sentences;

        public RequirementTerms Terms { get; } = new(sentences);

        public IReadOnlyList<string>[] SentenceSkills { get; } = [.. sentences.Select(skills.Find)];

        /// <summary>The first <see cref="NearLength"/> letters of the sentence's words of at least that length (made on first use).</summary>
        public HashSet<string> NearWordsOf(int sentence)
        {
            _near ??= [.. Sentences.Select(s => NearWords(RequirementTerms.Words(s, dropFiller: false)))];
            return _near[sentence];
        }

        public static HashSet<string> NearWords(IEnumerable<string> words) =>
            new(words.Where(w => w.Length >= NearLength && w.All(char.IsLetter)).Select(w => w[..NearLength]), StringComparer.Ordinal);
    }

    /// <summary>What a requirement shares with the resume, for <see cref="Rank"/>.</summary>
    internal enum SemanticReach
    {
        /// <summary>A content word or a skill.</summary>
        Words,

        /// <summary>Only words' first letters.</summary>
        NearWords,

        /// <summary>Nothing: no sentence is embedded for it.</summary>
        None,
    }

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
