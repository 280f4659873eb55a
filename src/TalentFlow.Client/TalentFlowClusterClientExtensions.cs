using Microsoft.Extensions.Hosting;
using TalentFlow.Hosting;

namespace TalentFlow.Client;

/// <summary>Connects a backend service to a TalentFlow cluster through Orleans' <see cref="Orleans.IClusterClient"/>.</summary>
public static class TalentFlowClusterClientExtensions
{
    /// <summary>
    /// Registers Orleans' <see cref="Orleans.IClusterClient"/> (and <see cref="Orleans.IGrainFactory"/>) for the cluster
    /// <paramref name="clusterId"/> / <paramref name="serviceId"/>: gateways from the PostgreSQL membership table when
    /// <paramref name="connectionString"/> is set (<c>ConnectionStrings__TalentFlow</c>), else the silo on this machine
    /// (the embedded default). The client speaks the silos' wire format: TalentFlow's records as JSON, their exceptions typed.
    /// </summary>
    public static IHostApplicationBuilder AddTalentFlowClusterClient(this IHostApplicationBuilder builder, string? connectionString = null,
        string clusterId = "dev", string serviceId = "talentflow")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOrleansClient(client =>
        {
            client.UseTalentFlowClustering(connectionString);
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        });
        return builder;
    }
}
