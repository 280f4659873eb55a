using System.Reflection;
using TalentFlow.Runtime.Invocation;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>
/// TalentFlow.Runtime imports the generator too: its own grain interfaces (IRemindable) are generated in the assembly where
/// IGrain is a source symbol.
/// </summary>
public sealed class RuntimeAssemblyTests
{
    private static GrainInterfaceMetadata Remindable()
    {
        var attribute = typeof(IGrain).Assembly.GetCustomAttributes<GrainMetadataProviderAttribute>().Single();
        var provider = (IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!;
        return provider.GetInterfaces().Single(m => m.InterfaceType == typeof(IRemindable));
    }

    [Fact]
    public void RuntimeAssembly_IRemindable_HasGeneratedMetadata()
    {
        var metadata = Remindable();

        Assert.Equal("TalentFlow.Runtime.IRemindable", metadata.InterfaceName);
        Assert.Equal(["ReceiveReminder"], metadata.MethodNames);
    }

    [Fact]
    public async Task ReceiveReminder_ThroughJson_InvokesGrain()
    {
        var metadata = Remindable();
        var status = new TickStatus(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), DateTimeOffset.UnixEpoch.AddMinutes(1));
        var grain = new Remindee();
        var proxy = ProxyHarness.Create<IRemindable>(metadata, r => SampleMetadata.RoundTrip(metadata, r), grain);

        await proxy.ReceiveReminder("nightly", status);

        Assert.Equal(("nightly", status), grain.Last);
    }

    private sealed class Remindee : IRemindable
    {
        public (string Name, TickStatus Status)? Last { get; private set; }

        public Task ReceiveReminder(string reminderName, TickStatus status)
        {
            Last = (reminderName, status);
            return Task.CompletedTask;
        }
    }
}
