namespace TalentFlow.Docs.Tests;

/// <summary>Every link of every Markdown file of the repository leads to a file of the repository, and none leaves it.</summary>
public sealed class MarkdownLinkTests
{
    public static TheoryData<string> Files() => [.. Repository.MarkdownFiles()];

    [Fact]
    public void MarkdownFiles_OfTheRepository_IncludeTheReadmeAndDocs()
    {
        var files = Repository.MarkdownFiles();

        Assert.Contains("README.md", files);
        Assert.Contains("docs/api.md", files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Links_InMarkdownFile_ResolveInsideTheRepository(string file)
    {
        string folder = Path.GetDirectoryName(Path.Combine(Repository.Root, file))!;
        var broken = new List<string>();
        foreach (var (line, target) in Markdown.Links(Repository.Read(file)))
        {
            if (Problem(folder, target) is { } problem) broken.Add($"{file}:{line}: ({target}) {problem}");
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Fact]
    public void Links_ToSharedOrAnotherMachinePath_AreFound()
    {
        // The checker itself: a link out of the repository, an absolute one, a web page and a missing file are each refused.
        string folder = Path.Combine(Repository.Root, "docs");

        Assert.NotNull(Problem(folder, "../../shared/design/ARCHITECTURE.md"));
        Assert.NotNull(Problem(folder, "/srv/docs/x.md"));
        Assert.NotNull(Problem(folder, "https://example.com/"));
        Assert.NotNull(Problem(folder, "no-such-file.md"));
        Assert.Null(Problem(folder, "../README.md#set-up"));
        Assert.Null(Problem(folder, "api.md"));
    }

    /// <summary>Why <paramref name="target"/>, linked from a file in <paramref name="folder"/>, is not a link into the repository; null when it is.</summary>
    private static string? Problem(string folder, string target)
    {
        if (target.Length == 0) return "empty link";
        if (target.StartsWith('#')) return null;
        if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return "leaves the repository";
        if (target.StartsWith('/') || target.StartsWith('\\') || Path.IsPathRooted(target)) return "absolute path: link relative to the file";
        string path = Uri.UnescapeDataString(target.Split('#', '?')[0]);
        if (path.Length == 0) return null;
        string full = Path.GetFullPath(Path.Combine(folder, path));
        string root = Path.GetFullPath(Repository.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != root) return "leaves the repository";
        return File.Exists(full) || Directory.Exists(full) ? null : "no such file in the repository";
    }
}
