using System.ComponentModel.DataAnnotations;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tests.Semantic;

namespace TalentFlow.ML.Tests.Requirements;

public sealed class RequirementEvidenceFinderTests
{
    private const string Resume = """
        Skills
        C#, SQL Server, k8s, Git
        Experience
        Backend Developer, Contoso, 2018 - 2024
        Built payment APIs in C# and ASP.NET Core. Tuned SQL Server queries for reporting.
        Ran services on k8s with Helm charts.
        Wrote reports for finance teams.
        Education
        BSc Computer Science
        """;

    private static RequirementEvidenceFinder CreateSut(RequirementEvidenceOptions? options = null) => new(options);

    private static Requirement Must(string text, string id = "req-1") => new(id, RequirementKind.MustHave, text, 1.0);

    [Fact]
    public void Assess_RequirementInTheResumesWords_IsMetWithTheSentenceAndItsSimilarity()
    {
        var item = Assert.Single(CreateSut().Assess([Must("Experience building payment APIs in C#")], Resume).Items);

        Assert.Equal(RequirementStatus.Met, item.Status);
        var best = item.Evidence[0];
        Assert.Equal("Built payment APIs in C# and ASP.NET Core.", best.Sentence);
        Assert.InRange(best.Similarity, 0.6, 1.0);
        Assert.Equal(EvidenceBasis.Words, best.Basis);
    }

    [Fact]
    public void Assess_SkillNamedOnlyByAnAlias_IsStatedElsewhereThroughTheTaxonomy()
    {
        var item = Assert.Single(CreateSut().Assess([Must("Kubernetes in production")], Resume).Items);

        Assert.Equal(RequirementStatus.StatedElsewhere, item.Status);
        Assert.All(item.Evidence, e => Assert.Equal(EvidenceBasis.Skill, e.Basis));
        Assert.Contains(item.Evidence, e => e.Sentence == "Ran services on k8s with Helm charts.");
        Assert.All(item.Evidence, e => Assert.True(e.Similarity < 0.6, $"{e.Sentence}: {e.Similarity}"));
    }

    [Fact]
    public void Assess_PartOfTheWords_IsStatedElsewhereBelowTheEvidenceThreshold()
    {
        var item = Assert.Single(CreateSut().Assess([Must("Budget reports for finance and audit departments")], Resume).Items);

        Assert.Equal(RequirementStatus.StatedElsewhere, item.Status);
        var best = item.Evidence[0];
        Assert.Equal("Wrote reports for finance teams.", best.Sentence);
        Assert.InRange(best.Similarity, 0.3, 0.6);
    }

    [Fact]
    public void Assess_NothingRelated_IsMissingWithoutEvidence()
    {
        var item = Assert.Single(CreateSut().Assess([Must("Registered nurse with ICU triage experience")], Resume).Items);

        Assert.Equal(RequirementStatus.Missing, item.Status);
        Assert.Empty(item.Evidence);
    }

    [Fact]
    public void Assess_MixedKinds_ComputesWeightedCoveragesAndFailedKnockouts()
    {
        Requirement[] requirements =
        [
            new("m1", RequirementKind.MustHave, "C# and SQL Server", 1.0),
            new("m2", RequirementKind.MustHave, "Kubernetes", 0.5),
            new("m3", RequirementKind.MustHave, "Rust embedded firmware", 0.5),
            new("n1", RequirementKind.NiceToHave, "Git", 0.5),
            new("k1", RequirementKind.Knockout, "Must be authorized to work in Canada", 1.0),
            new("k2", RequirementKind.Knockout, "Kubernetes", 1.0),
            new("k3", RequirementKind.Knockout, "Kubernetes certification", 1.0),
        ];

        var report = CreateSut().Assess(requirements, Resume);

        Assert.Equal(["Met", "StatedElsewhere", "Missing", "Met", "Missing", "StatedElsewhere", "StatedElsewhere"], report.Items.Select(i => i.Status.ToString()));
        // (1·1 + 0.5·½ + 0.5·0) / 2
        Assert.Equal(0.625, report.MustHaveCoverage);
        Assert.Equal(1.0, report.NiceToHaveCoverage);
        // k2 is fully stated under another name (k8s); k3 names the skill but not the certification.
        Assert.Equal(["k1", "k3"], report.FailedKnockouts.Select(k => k.Requirement.Id));
    }

    [Fact]
    public void Assess_KnockoutSharingOnlySomeWords_Fails()
    {
        var report = CreateSut().Assess([new Requirement("k", RequirementKind.Knockout, "Valid SQL Server DBA certification", 1.0)], Resume);

        Assert.NotEqual(RequirementStatus.Met, report.Items[0].Status);
        Assert.True(report.Items[0].FailsKnockout);
        Assert.Single(report.FailedKnockouts);
    }

    [Fact]
    public void Assess_NoRequirements_HasNoCoverages()
    {
        var report = CreateSut().Assess([], Resume);

        Assert.Empty(report.Items);
        Assert.Null(report.MustHaveCoverage);
        Assert.Null(report.NiceToHaveCoverage);
    }

    [Fact]
    public async Task AssessAsync_WithAnEncoder_FindsASentenceCloseInMeaningWhenNoWordIsShared()
    {
        var encoder = EmbeddedEncoder.Fit(TopicCorpus.Documents(), EmbeddedEncoderKind.Lsa, seed: 0, dimensions: 8);
        const string resume = "Managed docker containers and terraform pipelines.\nGave medication on the hospital ward.";
        var requirement = Must("helm cluster monitoring");

        var words = CreateSut().Assess([requirement], resume);
        // No word in common: only without the pre-filter is the sentence embedded (see the pre-filter's tests below).
        var meaning = await CreateSut(new RequirementEvidenceOptions { SemanticPrefilter = false }).AssessAsync([requirement], resume, encoder);

        Assert.Equal(RequirementStatus.Missing, words.Items[0].Status);
        var item = meaning.Items[0];
        Assert.Equal(RequirementStatus.StatedElsewhere, item.Status);
        Assert.Equal("Managed docker containers and terraform pipelines.", item.Evidence[0].Sentence);
        Assert.Equal(EvidenceBasis.Meaning, item.Evidence[0].Basis);
        Assert.DoesNotContain(item.Evidence, e => e.Sentence.Contains("hospital", StringComparison.Ordinal));
    }

    private const string Monitoring = "Set up monitoring dashboards for the web team.";
    private const string Containers = "Managed docker containers and terraform pipelines.";
    private const string Hospital = "Gave medication on the hospital ward.";

    private static async Task<IReadOnlyList<string>> EmbeddedAsync(Requirement requirement, string resume, RequirementEvidenceOptions? options = null)
    {
        var encoder = new RecordingEncoder(EmbeddedEncoder.Fit(TopicCorpus.Documents(), EmbeddedEncoderKind.Lsa, seed: 0, dimensions: 8));
        await CreateSut(options).AssessAsync([requirement], resume, encoder);
        return encoder.Texts;
    }

    [Fact]
    public async Task AssessAsync_SentenceSharingAWordWithAnUnprovenRequirement_IsEmbedded()
    {
        var embedded = await EmbeddedAsync(Must("helm cluster monitoring"), string.Join('\n', Monitoring, Containers, Hospital));

        Assert.Contains("helm cluster monitoring", embedded);
        Assert.Contains(Monitoring, embedded);
    }

    [Fact]
    public async Task AssessAsync_SentenceSharingNothingWithTheRequirement_IsNotEmbedded()
    {
        var embedded = await EmbeddedAsync(Must("helm cluster monitoring"), string.Join('\n', Monitoring, Containers, Hospital));

        Assert.DoesNotContain(Hospital, embedded);
        Assert.DoesNotContain(Containers, embedded);
    }

    [Fact]
    public async Task AssessAsync_SentenceSharingOnlyTheStartOfAWord_IsEmbedded()
    {
        // "managed" and "management" keep different stems; their first five letters agree.
        var embedded = await EmbeddedAsync(Must("Project management"), string.Join('\n', "Managed a team of five.", Hospital));

        Assert.Equal(["Project management", "Managed a team of five."], embedded);
    }

    [Fact]
    public async Task AssessAsync_RequirementSharingNothingWithTheResume_EmbedsNothingAndIsMissing()
    {
        // The price of the pre-filter: without it the encoder finds Containers close in meaning (the test above); on real
        // resumes no such sentence reached the semantic threshold (bench evidence-check).
        var encoder = new RecordingEncoder(EmbeddedEncoder.Fit(TopicCorpus.Documents(), EmbeddedEncoderKind.Lsa, seed: 0, dimensions: 8));

        var report = await CreateSut().AssessAsync([Must("helm cluster")], string.Join('\n', Containers, Hospital), encoder);

        Assert.Equal(0, encoder.Calls);
        Assert.Equal(RequirementStatus.Missing, report.Items[0].Status);
    }

    [Fact]
    public async Task AssessAsync_EveryRequirementProvenByItsWords_CallsNoEncoder()
    {
        var encoder = new RecordingEncoder(EmbeddedEncoder.Fit(TopicCorpus.Documents(), EmbeddedEncoderKind.Lsa, seed: 0, dimensions: 8));

        var report = await CreateSut().AssessAsync([Must("Experience building payment APIs in C#"), Must("Kubernetes in production", "req-2")], Resume, encoder);

        Assert.Equal(0, encoder.Calls);
        Assert.Equal([RequirementStatus.Met, RequirementStatus.StatedElsewhere], report.Items.Select(i => i.Status));
    }

    [Fact]
    public async Task AssessAsync_MoreSentencesThanTheCap_EmbedsThoseHoldingMostOfTheRequirementsWords()
    {
        const string both = "Cluster monitoring with Grafana.", one = "Monitoring of builds.";

        var embedded = await EmbeddedAsync(Must("helm cluster monitoring alerting capacity planning"), string.Join('\n', one, both, Hospital),
            new RequirementEvidenceOptions { MaxSemanticSentences = 1 });

        Assert.Equal(["helm cluster monitoring alerting capacity planning", both], embedded);
    }

    [Fact]
    public async Task AssessAsync_WithoutThePrefilter_EmbedsEverySentence()
    {
        var embedded = await EmbeddedAsync(Must("helm cluster monitoring"), string.Join('\n', Monitoring, Containers, Hospital),
            new RequirementEvidenceOptions { SemanticPrefilter = false });

        Assert.Equal(["helm cluster monitoring", Monitoring, Containers, Hospital], embedded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Options_MaxSemanticSentencesOutOfRange_AreRejected(int cap) =>
        Assert.Throws<ValidationException>(() => CreateSut(new RequirementEvidenceOptions { MaxSemanticSentences = cap }));

    /// <summary>A real encoder that also keeps what it was asked to embed.</summary>
    private sealed class RecordingEncoder(IEncoder inner) : IEncoder
    {
        public List<string> Texts { get; } = [];

        public int Calls { get; private set; }

        public int Dimension => inner.Dimension;

        public string VersionId => inner.VersionId;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Calls++;
            Texts.AddRange(texts);
            return inner.EmbedAsync(texts, cancellationToken);
        }
    }

    [Fact]
    public void Options_RelatedNotBelowEvidence_AreRejected() =>
        Assert.Throws<ArgumentException>(() => CreateSut(new RequirementEvidenceOptions { EvidenceThreshold = 0.4, RelatedThreshold = 0.4 }));

    [Fact]
    public void Split_BulletsAndSentences_AreSeparateSentences() =>
        Assert.Equal(["Led a team of 4.", "Shipped v2", "Cut costs 30%", "Python"], ResumeSentences.Split("• Led a team of 4. Shipped v2; Cut costs 30%\n\n| Python |\n2019 - 2024"));
}
