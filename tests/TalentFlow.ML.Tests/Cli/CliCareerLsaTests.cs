using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliCareerLsaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-lsa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EvalCareer_ModelLsa_ClassifiesSeparableCategoriesByNearestCentroid()
    {
        string train = Path.Combine(_dir, "train.csv"), test = Path.Combine(_dir, "test.csv");
        await File.WriteAllTextAsync(train, "Category,Resume\n" +
            "Data,python pandas machine learning models\nData,statistics python regression models\nData,machine learning python notebooks\n" +
            "Nursing,patient care icu nurse ward\nNursing,hospital ward nurse patient triage\nNursing,nurse medication patient care\n");
        await File.WriteAllTextAsync(test, "Category,Resume\nData,python machine learning\nNursing,nurse caring for patient on ward\n");
        var stdout = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "career", "--train", train, "--test", test, "--model", "lsa", "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("lsa+centroid", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(1.0, json.RootElement.GetProperty("accuracy").GetDouble());
    }
}
