using System.Text.Json;
using Orleans.TestingHost;
using TalentFlow.Hosting.Tests.Serialization.Wire;

namespace TalentFlow.Hosting.Tests.Infrastructure;

/// <summary>
/// Every silo of this test assembly hosts every test grain, and Orleans checks at start that each grain method's types have a
/// codec: so every test silo takes the JSON codec for the plain wire records, as the real silo will for TalentFlow.Contracts.
/// </summary>
public static class TestWire
{
    public static readonly Func<Type, bool> Types = t => t.Namespace == typeof(Posting).Namespace;

    public static TalentFlowOrleansOptions Apply(this TalentFlowOrleansOptions options)
    {
        options.JsonCodecFor = Types;
        return options;
    }

    /// <summary>The same for a client, which checks the codecs of the grain interfaces it knows.</summary>
    public static IClientBuilder ApplyTestWire(this IClientBuilder client)
    {
        TalentFlowSiloBuilderExtensions.AddSerialization(client.Services, Types, TalentFlowSerialization.JsonOptions, ["TalentFlow"]);
        return client;
    }

    /// <summary>A test cluster builder whose client takes the test wire codec.</summary>
    public static InProcessTestClusterBuilder WithTestWire(this InProcessTestClusterBuilder builder) => builder.ConfigureClient(c => c.ApplyTestWire());
}
