using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>
/// Where the coordinator hands registry events once they are durable (the host's webhooks). <see cref="Publish"/> must not
/// block: a registry call never waits for a delivery.
/// </summary>
public interface IRegistryEventSink
{
    /// <summary>Queues one durable event for delivery; returns at once.</summary>
    void Publish(RegistryEvent registryEvent);
}

/// <summary>The sink when the host configures none: events stay in the registry's history only.</summary>
internal sealed class NullRegistryEventSink : IRegistryEventSink
{
    public void Publish(RegistryEvent registryEvent)
    {
    }
}
