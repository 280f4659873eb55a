namespace TalentFlow.Docs.Tests;

/// <summary>README stays a front page: short, with the two set-up commands CI relies on.</summary>
public sealed class ReadmeTests
{
    private const int MaxLines = 130;

    [Fact]
    public void Readme_LineCount_IsAtMost130()
    {
        int lines = Repository.Read("README.md").TrimEnd('\n').Split('\n').Length;

        Assert.True(lines <= MaxLines, $"README.md has {lines} lines; keep it at most {MaxLines} and move reference material to docs/.");
    }

    [Fact]
    public void Readme_SetUpCommands_AreTheRunCommandAndTheTestCommandCiRuns()
    {
        var bash = Markdown.CodeBlocks(Repository.Read("README.md"), "bash");
        var commands = bash.SelectMany(b => b.Split('\n')).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();

        Assert.Contains("dotnet run -c Release --project src/TalentFlow.Silo", commands);
        Assert.Contains("eng/test.sh", commands);
        // .ci/run is "README's test command, nothing less".
        Assert.Contains("exec bash eng/test.sh", Repository.Read(".ci/run"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "eng", "test.sh")));
    }

    [Fact]
    public void ProjectReadmes_EverySrcProject_HasOneTheLayoutLinks()
    {
        string readme = Repository.Read("README.md");
        var projects = Directory.GetDirectories(Path.Combine(Repository.Root, "src"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any()).Select(Repository.Relative).ToList();

        Assert.NotEmpty(projects);
        Assert.All(projects, p =>
        {
            Assert.True(File.Exists(Path.Combine(Repository.Root, p, "README.md")), $"{p} has no README.md");
            Assert.Contains($"]({p}/README.md)", readme, StringComparison.Ordinal);
        });
    }
}
