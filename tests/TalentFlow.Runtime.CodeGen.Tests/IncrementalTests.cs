using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>The pipeline's models are equatable, so an edit elsewhere does not regenerate grain sources.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public void Run_UnrelatedEdit_OutputStepsAreCached()
    {
        var compilation = GeneratorHarness.Compile("namespace S { public interface IA : IGrain { Task<int> A(int x); } }");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GrainCodeGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace S { public class Unrelated { public int X; } }",
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        driver = driver.RunGenerators(edited);

        var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }
}
