using TalentFlow.Hosting.Placement;

namespace TalentFlow.Hosting;

/// <summary>How <see cref="TalentFlowSiloBuilderExtensions.AddTalentFlowOrleans"/> wires a silo. Checked when the silo is built.</summary>
public sealed class TalentFlowOrleansOptions
{
    /// <summary>
    /// The PostgreSQL connection string (<c>ConnectionStrings__TalentFlow</c>). Null or empty (default): localhost clustering
    /// with in-memory grain storage, reminders and records, for one machine. Set: ADO.NET clustering, grain storage (System.Text.Json)
    /// and reminders with invariant <c>Npgsql</c>, keyed records in <c>talentflow_grain_records</c>, schema applied before the silo starts.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether to configure membership (default true). False when the host brings its own: <c>InProcessTestCluster</c>'s
    /// in-process table, or Kubernetes hosting.
    /// </summary>
    public bool ConfigureClustering { get; set; } = true;

    /// <summary>Whether to apply the PostgreSQL schema before the silo starts (default true; false when a deploy step did).</summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>The roles this silo publishes (<c>Silo__Roles__0</c>), e.g. <see cref="SiloRoles.Trainer"/>. Default none.</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>The cores this silo offers, published as <c>cores</c>. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    public int Cores { get; set; } = Environment.ProcessorCount;

    /// <summary>The accelerator published as <c>accelerator</c>: <c>none</c> (default) or <c>cuda</c>.</summary>
    public string Accelerator { get; set; } = "none";

    /// <summary>
    /// Which types cross the wire as System.Text.Json instead of Orleans' generated codecs: the contracts the HTTP SDK shares,
    /// so <c>TalentFlow.Contracts</c> stays free of Orleans attributes (e.g. <c>t =&gt; t.Assembly == typeof(JobPosting).Assembly</c>).
    /// Exceptions never do (they keep Orleans' exception codec). Default: <see cref="TalentFlowSerialization.IsJsonType"/>; null: none.
    /// </summary>
    public Func<Type, bool>? JsonCodecFor { get; set; } = TalentFlowSerialization.IsJsonType;

    /// <summary>The serializer options of that codec. Default: <see cref="TalentFlowSerialization.JsonOptions"/>.</summary>
    public System.Text.Json.JsonSerializerOptions JsonSerializerOptions { get; set; } = TalentFlowSerialization.JsonOptions;

    /// <summary>
    /// Namespace prefixes whose exceptions cross silos as their own type (message kept); others arrive as Orleans'
    /// <c>UnavailableExceptionFallbackException</c>. Default: <c>TalentFlow</c>.
    /// </summary>
    public IList<string> ExceptionNamespacePrefixes { get; } = ["TalentFlow"];

    /// <summary>The metadata this silo publishes (roles, cores, accelerator), after <see cref="Validate"/>.</summary>
    internal Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SiloRoles.CoresKey] = Cores.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SiloRoles.AcceleratorKey] = Accelerator,
        };
        foreach (string role in Roles) metadata[SiloRoles.RoleKey(role)] = "true";
        return metadata;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when one is out of range.</summary>
    internal void Validate()
    {
        if (Cores < 1) throw new ArgumentException($"TalentFlow Orleans option {nameof(Cores)} must be at least 1 (was {Cores}).");
        if (Accelerator is not ("none" or "cuda"))
        {
            throw new ArgumentException($"TalentFlow Orleans option {nameof(Accelerator)} must be 'none' or 'cuda' (was '{Accelerator}').");
        }
        foreach (string role in Roles)
        {
            if (string.IsNullOrWhiteSpace(role) || role.Contains('=', StringComparison.Ordinal) || role.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"TalentFlow Orleans option {nameof(Roles)} holds an invalid role '{role}' (empty, or with '=' or ',').");
            }
        }
    }
}
