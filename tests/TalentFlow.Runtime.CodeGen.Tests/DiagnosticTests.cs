namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Each invalid grain interface shape reports its error, and the interface gets no generated code.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("TFGEN001", "public interface IBad : IGrain { int Get(); }")]
    [InlineData("TFGEN001", "public interface IBad : IGrain { void Fire(); }")]
    [InlineData("TFGEN001", "public interface IBad : IGrain { IAsyncEnumerable<int> StreamAsync(); }")]
    [InlineData("TFGEN002", "public interface IBad : IGrain { Task SetAsync(ref int value); }")]
    [InlineData("TFGEN002", "public interface IBad : IGrain { Task SetAsync(in int value); }")]
    [InlineData("TFGEN002", "public interface IBad : IGrain { Task SetAsync(out int value); }")]
    [InlineData("TFGEN003", "public interface IBad : IGrain { Task<T> GetAsync<T>(); }")]
    [InlineData("TFGEN004", "public interface IBad<T> : IGrain { Task<T> GetAsync(); }")]
    [InlineData("TFGEN004", "public class Outer<T> { public interface IBad : IGrain { Task GetAsync(); } }")]
    [InlineData("TFGEN005", "public interface IBad : IGrain { int Count { get; } }")]
    [InlineData("TFGEN005", "public interface IBad : IGrain { event EventHandler Changed; }")]
    [InlineData("TFGEN005", "public interface IBad : IGrain { static abstract Task CreateAsync(); }")]
    [InlineData("TFGEN005", "public interface IBad : IGrain { static abstract int Count { get; } }")]
    [InlineData("TFGEN006", "public interface IBad : IGrain { Task A(int x); Task A(string y, CancellationToken ct); }")]
    [InlineData("TFGEN008", "public interface IBad : IGrain { Task SetAsync(ReadOnlySpan<byte> data); }")]
    [InlineData("TFGEN007", "public class Outer { private interface IBad : IGrain { Task A(); } }")]
    [InlineData("TFGEN007", "file interface IBad : IGrain { Task A(); }")]
    [InlineData("TFGEN007", "public class Outer { protected interface IBad : IGrain { Task A(); } }")]
    public void Run_InvalidInterface_ReportsDiagnostic(string id, string declaration)
    {
        var result = GeneratorHarness.Run("namespace S { " + declaration + " }");

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Sample.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line >= 5, "the diagnostic points into the sample, past its usings");
        Assert.DoesNotContain(result.GeneratedSources, s => s.Contains("IBad", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_InheritedBadMethod_ReportsForDerivedInterfaceToo()
    {
        var result = GeneratorHarness.Run("namespace S { public interface IBase : IGrain { int Get(); } public interface IDerived : IBase { Task A(); } }");

        Assert.Equal(2, result.GeneratorDiagnostics.Count(d => d.Id == "TFGEN001"));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Run_OneBadInterface_OthersStillGenerated()
    {
        var result = GeneratorHarness.Run("namespace S { public interface IBad : IGrain { int Get(); } public interface IGood : IGrain { Task A(); } }");

        Assert.Equal("TFGEN001", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Contains(result.GeneratedSources, s => s.Contains("S_IGood_Proxy", StringComparison.Ordinal));
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Location.SourceTree?.FilePath != "Sample.cs");
    }
}
