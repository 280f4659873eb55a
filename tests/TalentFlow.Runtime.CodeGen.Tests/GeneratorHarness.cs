using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TalentFlow.Runtime;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Runs <see cref="GrainCodeGenerator"/> on sample sources, compiled against the runtime and the framework.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using TalentFlow.Runtime;

        """;

    public sealed record Result(
        Compilation Output,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompileDiagnostics,
        ImmutableArray<string> GeneratedSources);

    public static CSharpCompilation Compile(string source, string assemblyName = "Sample", bool referenceRuntime = true)
    {
        var tree = CSharpSyntaxTree.ParseText((referenceRuntime ? Usings : "") + source, new CSharpParseOptions(LanguageVersion.Latest), path: "Sample.cs");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error);
        return CSharpCompilation.Create(assemblyName, [tree],
            referenceRuntime ? References.Value : References.Value.RemoveAt(References.Value.Length - 1), options);
    }

    public static Result Run(string source, string assemblyName = "Sample", bool referenceRuntime = true)
    {
        var compilation = Compile(source, assemblyName, referenceRuntime);
        var tree = compilation.SyntaxTrees.First();

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GrainCodeGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)tree.Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var runResult = driver.GetRunResult();
        var sources = runResult.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()).ToImmutableArray();
        var compileDiagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701" && d.Id != "CS1702")
            .ToImmutableArray();
        return new Result(output, generatorDiagnostics, compileDiagnostics, sources);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(IGrain).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
