using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Client;

/// <summary>How a cluster client finds and talks to the cluster (Orleans: ClientMessagingOptions, StaticGatewayListProviderOptions).</summary>
public sealed class ClientOptions
{
    /// <summary>Silo endpoints (<c>host:port</c>) to ask for membership first; more are learned from the cluster. Default: none.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long a call may take. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest call or response body. Default 16 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How often the client rereads membership from a gateway. Default 2 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one gateway request may take before the next gateway is tried. Default 2 s.</summary>
    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
