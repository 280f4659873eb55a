using TalentFlow.ML.Requirements;

namespace TalentFlow.ML.Tests.Requirements;

public sealed class RequirementProposerTests
{
    private static RequirementProposer CreateSut() => new();

    private const string Posting = """
        Backend Engineer
        We build payment services for small shops.
        Responsibilities
        - Design and run APIs in C# and PostgreSQL
        Requirements:
        - 5+ years of experience building web services in C#
        - Strong SQL and PostgreSQL
        - Kubernetes experience preferred
        - Must be authorized to work in the United States
        Nice to have
        - Experience with Kafka
        * Open-source contributions
        Benefits
        - Remote work and a learning budget
        """;

    [Fact]
    public void Propose_SectionedPosting_SortsLinesIntoKindsWithDefaultWeights()
    {
        var proposed = CreateSut().Propose(Posting);

        Assert.Equal(
            [
                (RequirementKind.MustHave, "5+ years of experience building web services in C#", 1.0),
                (RequirementKind.MustHave, "Strong SQL and PostgreSQL", 1.0),
                (RequirementKind.NiceToHave, "Kubernetes experience preferred", 0.5),
                (RequirementKind.Knockout, "Must be authorized to work in the United States", 1.0),
                (RequirementKind.NiceToHave, "Experience with Kafka", 0.5),
                (RequirementKind.NiceToHave, "Open-source contributions", 0.5),
            ],
            proposed.Select(r => (r.Kind, r.Text, r.Weight)));
        Assert.Equal(["req-1", "req-2", "req-3", "req-4", "req-5", "req-6"], proposed.Select(r => r.Id));
        RequirementLimits.Validate(proposed);
    }

    [Fact]
    public void Propose_HeadingAndItemsOnOneLine_GivesEachShortItemTheHeadingsKind()
    {
        const string posting = """
            Requirements:
            - C# and SQL
            Nice to have: REST APIs, PostgreSQL and microservices
            Must have: a portfolio of shipped products that real customers used every day, with public references
            - Docker
            Location: Austin
            - Relocation package
            """;

        var proposed = CreateSut().Propose(posting);

        Assert.Equal(
            [
                (RequirementKind.MustHave, "C# and SQL"),
                (RequirementKind.NiceToHave, "REST APIs"),
                (RequirementKind.NiceToHave, "PostgreSQL"),
                (RequirementKind.NiceToHave, "microservices"),
                (RequirementKind.MustHave, "a portfolio of shipped products that real customers used every day, with public references"),
                (RequirementKind.MustHave, "Docker"),
            ],
            proposed.Select(r => (r.Kind, r.Text)));
    }

    [Theory]
    [InlineData("A valid driver's license is required for site visits.")]
    [InlineData("Candidates must hold an active RN license in Texas.")]
    [InlineData("AWS Solutions Architect certification required.")]
    [InlineData("Active security clearance.")]
    [InlineData("We cannot offer visa sponsorship; no sponsorship is available.")]
    public void Propose_KnockoutPhraseOutsideAnySection_IsAKnockout(string line)
    {
        var proposed = CreateSut().Propose("Field Engineer\nYou will visit customers.\n" + line);

        Assert.Equal((RequirementKind.Knockout, line.TrimEnd(';')), (Assert.Single(proposed).Kind, proposed[0].Text));
    }

    [Fact]
    public void Propose_MinimumYearsOutsideASection_IsAMustHaveNotAKnockout()
    {
        var proposed = CreateSut().Propose("Data Analyst\nYou will report on sales.\nMinimum 3 years in a reporting role.");

        Assert.Equal(RequirementKind.MustHave, Assert.Single(proposed).Kind);
    }

    [Fact]
    public void Propose_NoRequirementLines_FallsBackToParsedSkillsAndYears()
    {
        var proposed = CreateSut().Propose("Data Scientist\nWe use Python and SQL every day.\nTableau is a plus.\n2-4 years of experience.");

        Assert.Contains(proposed, r => r is { Kind: RequirementKind.MustHave, Text: "Python" });
        Assert.Contains(proposed, r => r is { Kind: RequirementKind.NiceToHave, Text: "Tableau" });
        Assert.Contains(proposed, r => r is { Kind: RequirementKind.MustHave, Text: "2+ years of experience" });
    }

    private const string OneParagraph =
        "Contoso is hiring a backend engineer to build payment services for small shops. You will design APIs and mentor two juniors. "
        + "You have 5+ years of experience building web services. Experience with C#, PostgreSQL and Kubernetes is required. "
        + "Knowledge of Kafka is a plus. You must be authorized to work in the United States. We offer remote work and a learning budget.";

    [Fact]
    public void Propose_OneParagraph_SplitsIntoYearsSkillsAndKnockoutNotOneLongMustHave()
    {
        var proposed = CreateSut().Propose(OneParagraph);

        Assert.DoesNotContain(proposed, r => r.Text.Length > 120);
        Assert.Contains(proposed, r => r.Kind == RequirementKind.MustHave && r.Text.Contains("5+ years", StringComparison.Ordinal));
        Assert.Contains(proposed, r => r.Kind == RequirementKind.MustHave && r.Text == "C#");
        Assert.Contains(proposed, r => r.Kind == RequirementKind.MustHave && r.Text == "PostgreSQL");
        Assert.Contains(proposed, r => r.Kind == RequirementKind.MustHave && r.Text == "Kubernetes");
        Assert.Contains(proposed, r => r.Kind == RequirementKind.NiceToHave && r.Text.Contains("Kafka", StringComparison.Ordinal));
        Assert.Contains(proposed, r => r.Kind == RequirementKind.Knockout && r.Text.Contains("authorized to work", StringComparison.Ordinal));
        Assert.DoesNotContain(proposed, r => r.Text.Contains("remote work", StringComparison.Ordinal));
        Assert.DoesNotContain(proposed, r => r.Text.Contains("Contoso is hiring", StringComparison.Ordinal));
    }

    [Fact]
    public void Propose_ParagraphOfDutiesOnly_GivesDutySentencesAsNiceToHaves()
    {
        const string duties = "Plan menus and prepare dishes for a busy restaurant. Supervise and train kitchen staff. "
            + "Order food supplies and keep the kitchen clean and safe. Work with the owner on seasonal specials.";

        var proposed = CreateSut().Propose(duties);

        Assert.Equal(4, proposed.Count);
        Assert.All(proposed, r => Assert.Equal(RequirementKind.NiceToHave, r.Kind));
        Assert.Equal("Supervise and train kitchen staff", proposed[1].Text);
    }

    [Fact]
    public void Propose_ParagraphInsideRequirementsSection_EachSentenceAnItemOfThatKind()
    {
        const string posting = "Requirements\nA degree in accounting or finance and three years in an audit firm. "
            + "Fluent English and strong spreadsheet skills. A CPA designation would be preferred by the team.";

        var proposed = CreateSut().Propose(posting);

        Assert.Equal(3, proposed.Count);
        Assert.Equal(RequirementKind.MustHave, proposed[0].Kind);
        Assert.Equal(RequirementKind.MustHave, proposed[1].Kind);
        Assert.Equal(RequirementKind.NiceToHave, proposed[2].Kind);
    }

    [Fact]
    public void Propose_ManyLines_StopsAtTheLimitAndDropsDuplicates()
    {
        string lines = string.Join('\n', Enumerable.Range(0, 80).Select(i => $"- Skill number {i}"));
        var proposed = CreateSut().Propose("Requirements\n- Same line\n- same LINE\n" + lines);

        Assert.Equal(RequirementLimits.MaxCount, proposed.Count);
        Assert.Single(proposed, r => r.Text.Equals("same line", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("", 1.0, "empty text")]
    [InlineData("SQL", 0.0, "weight")]
    [InlineData("SQL", 1.5, "weight")]
    [InlineData("SQL", double.NaN, "weight")]
    public void Validate_BadItem_ThrowsNamingTheRule(string text, double weight, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RequirementLimits.Validate([new Requirement("req-1", RequirementKind.MustHave, text, weight)]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateIdsOrTooMany_Throws()
    {
        Assert.Throws<ArgumentException>(() => RequirementLimits.Validate(
            [new Requirement("a", RequirementKind.MustHave, "SQL", 1), new Requirement("a", RequirementKind.Knockout, "C#", 1)]));
        Assert.Throws<ArgumentException>(() => RequirementLimits.Validate(
            [.. Enumerable.Range(0, 51).Select(i => new Requirement($"r{i}", RequirementKind.MustHave, "SQL", 1))]));
    }

    [Theory]
    [InlineData("must_have", RequirementKind.MustHave)]
    [InlineData("Nice-to-have", RequirementKind.NiceToHave)]
    [InlineData("KNOCKOUT", RequirementKind.Knockout)]
    public void TryParse_WireNames_ReadAnyCase(string name, RequirementKind expected)
    {
        Assert.True(RequirementKinds.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
        Assert.False(RequirementKinds.TryParse("required", out _));
    }
}
