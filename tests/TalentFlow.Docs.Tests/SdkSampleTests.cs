using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TalentFlow.Client.Http;

namespace TalentFlow.Docs.Tests;

/// <summary>
/// Every <c>csharp</c> block of the reference pages of docs/ (the SDK's samples in docs/sdk.md, the webhook receiver in
/// docs/registry.md; the design notes quote fragments of internal code and are left out) compiles against the client assemblies. A
/// block of type declarations compiles as a file; any other block is the body of an async method given <c>builder</c>,
/// <c>talentFlow</c> and <c>ct</c> (what docs/sdk.md says its samples assume), and <c>app</c> and <c>secret</c> (a webhook receiver).
/// </summary>
public sealed class SdkSampleTests
{
    private const string Document = "docs/sdk.md";

    /// <summary>The pages a reader copies code from.</summary>
    private static readonly string[] ReferencePages =
        ["docs/sdk.md", "docs/registry.md", "docs/api.md", "docs/review.md", "docs/cli.md", "docs/configuration.md"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        // The test's own dependency closure: the framework, ASP.NET Core, TalentFlow.Client(.Http) and the contracts.
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
    ]);

    public static TheoryData<string, int> Samples()
    {
        var samples = new TheoryData<string, int>();
        foreach (var file in ReferencePages)
        {
            for (int i = 0; i < Markdown.CodeBlocks(Repository.Read(file), "csharp").Count; i++) samples.Add(file, i);
        }
        return samples;
    }

    [Fact]
    public void Samples_InSdkDoc_AreThere()
    {
        Assert.True(Markdown.CodeBlocks(Repository.Read(Document), "csharp").Count >= 3, $"{Document} should show the SDK in C# samples.");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_InDocs_CompilesAgainstTheClient(string file, int index)
    {
        string sample = Markdown.CodeBlocks(Repository.Read(file), "csharp")[index];

        var errors = Compile(sample);

        Assert.True(errors.Count == 0, $"{file}, C# sample {index + 1}:\n{string.Join('\n', errors)}\n---\n{sample}");
    }

    [Fact]
    public void Compile_BrokenSample_ReportsTheError()
    {
        // The checker itself: a call the SDK does not have is an error, not a pass.
        Assert.NotEmpty(Compile("await talentFlow.NoSuchMethodAsync(ct);"));
        Assert.Empty(Compile("var job = await talentFlow.GetJobAsync(\"sample-job-1\", ct);"));
    }

    private static List<string> Compile(string sample)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var asFile = CSharpSyntaxTree.ParseText(sample, parse);
        bool declarations = asFile.GetCompilationUnitRoot() is { Members: { Count: > 0 } members } && members.All(m => m is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
        string source = Usings() + (declarations
            ? sample
            : $$"""
              internal static class Sample
              {
                  public static async Task RunAsync(WebApplicationBuilder builder, WebApplication app, TalentFlowHttpClient talentFlow, string secret, CancellationToken ct)
                  {
              {{sample}}
                  }
              }
              """);
        var compilation = CSharpCompilation.Create("Sample", [CSharpSyntaxTree.ParseText(source, parse)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
    }

    /// <summary>The usings docs/sdk.md says its samples assume: the implicit ones, the clients' and every contracts namespace.</summary>
    private static string Usings()
    {
        string[] fixedOnes =
        [
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Text", "System.Text.Json",
            "System.Security.Cryptography", "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder",
            "Microsoft.AspNetCore.Http", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.Extensions.Hosting", "TalentFlow.Client", "TalentFlow.Client.Http",
        ];
        var contracts = typeof(TalentFlowHttpClient).GetMethod(nameof(TalentFlowHttpClient.GetJobAsync))!.ReturnType.GetGenericArguments()[0].Assembly
            .GetExportedTypes().Select(t => t.Namespace!).Where(n => n.StartsWith("TalentFlow.Contracts", StringComparison.Ordinal));
        return string.Concat(fixedOnes.Concat(contracts).Distinct().Order(StringComparer.Ordinal).Select(n => $"using {n};\n"));
    }
}
