namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// The five field vocabularies; their sizes are the embedding tables' row counts. Skill id 0 is the padding token (its
/// embedding stays zero), so <see cref="Skills"/> should start with a reserved name such as <c>&lt;pad&gt;</c>. Values may be
/// raw ids, tokens or hash buckets — the model only sees the ids.
/// </summary>
public sealed class ConvFmVocabularies
{
    /// <summary>Builds the five vocabularies from their values in id order.</summary>
    public ConvFmVocabularies(
        IEnumerable<string> users, IEnumerable<string> jobs, IEnumerable<string> skills, IEnumerable<string> locations, IEnumerable<string> companies)
    {
        Users = new ConvFmVocabulary(users);
        Jobs = new ConvFmVocabulary(jobs);
        Skills = new ConvFmVocabulary(skills);
        Locations = new ConvFmVocabulary(locations);
        Companies = new ConvFmVocabulary(companies);
    }

    /// <summary>User field.</summary>
    public ConvFmVocabulary Users { get; }

    /// <summary>Job field.</summary>
    public ConvFmVocabulary Jobs { get; }

    /// <summary>Skill tokens; id 0 is padding.</summary>
    public ConvFmVocabulary Skills { get; }

    /// <summary>Location field.</summary>
    public ConvFmVocabulary Locations { get; }

    /// <summary>Company field.</summary>
    public ConvFmVocabulary Companies { get; }

    internal ConvFmNetwork<float> CreateNetwork(ConvFmOptions options) =>
        new(options, Users.Count, Jobs.Count, Skills.Count, Locations.Count, Companies.Count);
}
