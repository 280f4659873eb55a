namespace TalentFlow.Docs.Tests;

/// <summary>The repository these tests run from: its root (the folder of the solution) and its Markdown files.</summary>
internal static class Repository
{
    /// <summary>Folders that hold build output or tools' state, never documents a reader is sent to.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "TestResults", "artifacts" };

    public static string Root { get; } = FindRoot();

    /// <summary>Every <c>.md</c> file of the repository, as paths relative to <see cref="Root"/> with <c>/</c> separators.</summary>
    public static IReadOnlyList<string> MarkdownFiles()
    {
        var found = new List<string>();
        var pending = new Stack<string>([Root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!Skipped.Contains(Path.GetFileName(sub))) pending.Push(sub);
            }
            found.AddRange(Directory.EnumerateFiles(folder, "*.md").Select(Relative));
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalentFlow.Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No TalentFlow.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
