namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Parameters and results with nullability attributes: the explicit proxy implementations must match them.</summary>
public sealed class NullabilityAttributeTests
{
    [Fact]
    public void Run_NullabilityAttributes_CompilesWithoutWarnings()
    {
        var result = GeneratorHarness.Run("""
            namespace S
            {
                using System.Diagnostics.CodeAnalysis;

                public interface IAttributed : IGrain
                {
                    Task SetAsync([AllowNull] string value, [DisallowNull] string? other);
                    [return: NotNull] Task<string?> GetAsync([MaybeNull] string value);
                }
            }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompileDiagnostics.IsEmpty, GeneratorHarness.Describe(result.CompileDiagnostics));
    }
}
