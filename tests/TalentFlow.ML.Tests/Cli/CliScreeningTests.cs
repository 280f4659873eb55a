using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliScreeningTests : IDisposable
{
    private static readonly (string Category, string[] Words, (string Code, string Title, string Description)[] Occupations)[] Categories =
    [
        ("NURSE", ["patient", "nursing", "medication", "vital signs", "clinical care", "hospital ward", "wound care", "charting"],
            [("29-1141.00", "Registered Nurses", "Assess patient health, administer medication, monitor vital signs and keep clinical care records on a hospital ward."),
             ("29-2061.00", "Licensed Practical Nurses", "Care for patients, give medication, check vital signs and help with wound care and charting.")]),
        ("CHEF", ["menu", "kitchen", "recipes", "food safety", "line cooks", "catering", "plating", "inventory of food"],
            [("35-1011.00", "Chefs and Head Cooks", "Plan menus, create recipes, supervise line cooks and keep kitchen food safety standards."),
             ("35-2014.00", "Cooks, Restaurant", "Prepare dishes from recipes, plate food in a busy kitchen and follow food safety rules.")]),
        ("DEVELOPER", ["software", "C#", "SQL", "unit tests", "APIs", "code review", "cloud services", "debugging"],
            [("15-1132.00", "Software Developers, Applications", "Design and build software applications and APIs, write unit tests, review code and debug cloud services."),
             ("15-1134.00", "Web Developers", "Build web applications and APIs in C# and SQL, write tests and debug software.")]),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-screening-").FullName;

    public CliScreeningTests()
    {
        var random = new Random(5);
        var csv = new StringBuilder("ID,Category,Resume\n");
        int id = 10000000;
        foreach (var (category, words, _) in Categories)
        {
            for (int i = 0; i < 30; i++)
            {
                var picked = words.OrderBy(_ => random.Next()).Take(5).ToArray();
                string text = $"{category.ToLowerInvariant()} professional\nExperience\nWorked with {picked[0]}, {picked[1]} and {picked[2]} for {3 + i % 5} years.\nSkills\n{picked[3]}, {picked[4]}";
                csv.Append(CultureInfo.InvariantCulture, $"{id++},{category},\"{text}\"\n");
            }
        }
        File.WriteAllText(Path.Combine(_dir, "resumes.csv"), csv.ToString());
        var onet = Directory.CreateDirectory(Path.Combine(_dir, "onet")).FullName;
        File.WriteAllText(Path.Combine(onet, "occupation_data.csv"),
            "O*NET-SOC Code;Title;Description\n" + string.Concat(Categories.SelectMany(c => c.Occupations).Select(o => $"{o.Code};{o.Title};{o.Description}\n")));
        File.WriteAllText(Path.Combine(_dir, "mapping.tsv"), string.Concat(Categories.SelectMany(c => c.Occupations.Select(o => $"{c.Category}\t{o.Code}\n"))));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Data => ["--resumes", Path.Combine(_dir, "resumes.csv"), "--occupations", Path.Combine(_dir, "onet"), "--mapping", Path.Combine(_dir, "mapping.tsv")];

    [Fact]
    public async Task TrainThenEvalScreening_SyntheticCorpus_WritesAModelEvalReadsBackWithTheSameVersion()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string model = Path.Combine(_dir, "model.json");

        int code = await CliApp.RunAsync(["train", "screening", .. Data, "--output", model, "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var trained = JsonDocument.Parse(stdout.ToString());
        Assert.InRange(trained.RootElement.GetProperty("protocol").GetProperty("roc_auc").GetDouble(), 0.8, 1);
        Assert.Equal(3, trained.RootElement.GetProperty("test_occupations").GetInt32());

        var evalOut = new StringWriter();
        code = await CliApp.RunAsync(["eval", "screening", .. Data, "--model", model, "--json"], evalOut, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var evaluated = JsonDocument.Parse(evalOut.ToString());
        Assert.Equal(trained.RootElement.GetProperty("version").GetString(), evaluated.RootElement.GetProperty("version").GetString());
        Assert.Equal(trained.RootElement.GetProperty("protocol").GetProperty("roc_auc").GetDouble(), evaluated.RootElement.GetProperty("protocol").GetProperty("roc_auc").GetDouble());
    }

    [Fact]
    public async Task EvalScreening_CorruptModel_ExitsOneWithOneLine()
    {
        string model = Path.Combine(_dir, "corrupt.json");
        await File.WriteAllTextAsync(model, "{\"format\": \"talentflow.screening/1\", \"version\": \"x\"}");
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "screening", .. Data, "--model", model], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.Contains("screening model", stderr.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
