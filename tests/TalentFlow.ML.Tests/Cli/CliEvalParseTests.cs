using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliEvalParseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-cli-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EvalParse_FolderAndCsv_ReportsSharesWithExperienceAndDoubtfulCompanies()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_dir, "docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "a.txt"), "Jane Doe\nExperience\nData Analyst\nFabrikam (2019-03 - 2020-12)\nBuilt dashboards.\n");
        await File.WriteAllTextAsync(Path.Combine(docs, "b.txt"), "John Roe\nSkills\nCooking, gardening\n");
        var csv = Path.Combine(_dir, "resumes.csv");
        await File.WriteAllTextAsync(csv, "ID,Resume\n1,\"Experience\nJune 2013\nto\nMarch 2016\nBlue Yonder Airlines Phoenix , AZ Purchasing Clerk\nQuoted parts.\"\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "parse", "--pdf-dir", docs, "--csv", csv, "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("documents").GetInt32());
        Assert.Equal(0.5, root.GetProperty("documents_with_experience").GetDouble(), 9);
        Assert.Equal(0.0, root.GetProperty("documents_doubtful_company").GetDouble(), 9);
        Assert.Equal(1.0, root.GetProperty("csv_with_experience").GetDouble(), 9);
        Assert.Equal(1.0, root.GetProperty("csv_plausible_years").GetDouble(), 9);
    }

    [Fact]
    public async Task EvalParse_NoSource_ExitsWithAnError()
    {
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "parse"], new StringWriter(), stderr);

        Assert.NotEqual(0, code);
        Assert.Contains("--pdf-dir", stderr.ToString(), StringComparison.Ordinal);
    }
}
