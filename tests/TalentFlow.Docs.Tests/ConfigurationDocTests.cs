using System.Reflection;

namespace TalentFlow.Docs.Tests;

/// <summary>docs/configuration.md names every setting the silo binds: each settable property of each bound options class.</summary>
public sealed class ConfigurationDocTests
{
    private const string Document = "docs/configuration.md";

    /// <summary>The sections the host binds (HostComposition.AddTalentFlowHost) and the class each binds to.</summary>
    public static TheoryData<string, string> Sections() => new()
    {
        { "Silo", "TalentFlow.Silo.Hosting.SiloSettings, TalentFlow.Silo" },
        { "Auth", "TalentFlow.Silo.Security.AuthOptions, TalentFlow.Silo" },
        { "Auth:Jwt", "TalentFlow.Silo.Security.JwtOptions, TalentFlow.Silo" },
        { "Uploads", "TalentFlow.Silo.Uploads.UploadOptions, TalentFlow.Silo" },
        { "Uploads:Quality", "TalentFlow.ML.Documents.ExtractionQualityOptions, TalentFlow.ML" },
        { "Uploads", "TalentFlow.ML.Documents.DocumentReaderOptions, TalentFlow.ML" },
        { "Evidence", "TalentFlow.ML.Requirements.RequirementEvidenceOptions, TalentFlow.ML" },
        { "Telemetry", "TalentFlow.Silo.Telemetry.TelemetryOptions, TalentFlow.Silo" },
        { "Webhooks", "TalentFlow.Silo.Webhooks.WebhookOptions, TalentFlow.Silo" },
        { "Matching", "TalentFlow.Grains.Matching.MatchingOptions, TalentFlow.Grains" },
        { "Training", "TalentFlow.Grains.Training.TrainingOptions, TalentFlow.Grains" },
        { "Training:Encoder", "TalentFlow.Grains.Training.EncoderTrainingOptions, TalentFlow.Grains" },
        { "Review", "TalentFlow.Grains.Review.ReviewOptions, TalentFlow.Grains" },
        { "Recommendation", "TalentFlow.Grains.Recommendations.RecommendationOptions, TalentFlow.Grains" },
        { "Careers", "TalentFlow.Grains.Careers.CareerOptions, TalentFlow.Grains" },
        { "Onnx", "TalentFlow.ML.Onnx.OnnxRuntimeOptions, TalentFlow.ML.Onnx" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Settings_OfBoundSection_AreInConfigurationDoc(string section, string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        // A row names a setting as `Section:Name`, or lists further names of one section as `Name` after a `Section:...` cell.
        var rows = Repository.Read(Document).Split('\n').Where(l => l.StartsWith('|') && l.Contains($"`{section}:", StringComparison.Ordinal)).ToList();

        var missing = Settable(type).Where(p => !rows.Any(r => r.Contains($"`{section}:{p}`", StringComparison.Ordinal)
            || r.Contains($"`{section}:{p}:", StringComparison.Ordinal) || r.Contains($"`{p}`", StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0, $"{Document} does not name {string.Join(", ", missing.Select(p => section + ":" + p))}");
    }

    [Fact]
    public void Settable_OfAnOptionsClass_ListsItsScalarSettings()
    {
        // The checker itself: scalar settings are found, computed properties are not.
        var names = Settable(Type.GetType("TalentFlow.Silo.Security.JwtOptions, TalentFlow.Silo", throwOnError: true)!).ToList();

        Assert.Contains("Audience", names);
        Assert.Contains("RequireHttpsMetadata", names);
        Assert.DoesNotContain("Enabled", names);
    }

    /// <summary>The names of the public settable properties a configuration value binds to directly, and of the lists of items.</summary>
    private static IEnumerable<string> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Where(p => p.Name != "Jwt")   // its own section, Auth:Jwt
            .Select(p => p.Name);
}
