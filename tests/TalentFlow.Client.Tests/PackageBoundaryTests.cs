using System.Reflection;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>Frontends can use the HTTP client without the grain runtime: its assembly and its contracts never reference it.</summary>
public sealed class PackageBoundaryTests
{
    [Fact]
    public void HttpClientAssembly_ReferencedAssemblies_DoNotIncludeTheRuntime()
    {
        var references = typeof(TalentFlowHttpClient).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("TalentFlow.Contracts", references);
        Assert.DoesNotContain("TalentFlow.Runtime", references);
        Assert.DoesNotContain("TalentFlow.Grains.Abstractions", references);
    }

    [Fact]
    public void HttpClientAssembly_TransitiveTalentFlowReferences_AreOnlyTheContracts()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(TalentFlowHttpClient).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !name.StartsWith("TalentFlow.", StringComparison.Ordinal) || !seen.Add(name)) continue;
                pending.Push(Assembly.Load(reference));
            }
        }

        Assert.Equal(["TalentFlow.Contracts"], seen);
    }
}
