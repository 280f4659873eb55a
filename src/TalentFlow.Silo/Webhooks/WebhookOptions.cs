using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Silo.Webhooks;

/// <summary>
/// Where registry events are sent (configuration section <c>Webhooks</c>), validated at start-up. None configured: events
/// are only recorded in the registry's history.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The receivers; every event goes to each (<c>Webhooks:Endpoints:0:Url</c>, <c>Webhooks:Endpoints:0:Secret</c>).</summary>
    public List<WebhookEndpoint> Endpoints { get; set; } = [];

    /// <summary>Attempts per event and receiver, the first included: 1–20. Default 5.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second attempt, doubled before each further one: 10 ms to 10 min. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take: 100 ms to 5 min. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events waiting for delivery before new ones are dropped (and logged): 1–100,000. Default 10,000.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 10_000;
}

/// <summary>One webhook receiver.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>The absolute http or https URL events are POSTed to.</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret the body is signed with (HMAC-SHA256), at least 16 characters. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>The URL only: the secret stays out of logs and messages.</summary>
    public override string ToString() => Url ?? "(no url)";
}
