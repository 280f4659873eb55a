using System.Collections;
using System.Globalization;
using System.Reflection;
using Orleans.Configuration;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Training;
using TalentFlow.Silo.Hosting;
using TalentFlow.Silo.Security;
using TalentFlow.Silo.Telemetry;
using TalentFlow.Silo.Uploads;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The configuration keys the silo reads (<c>HostComposition</c>): each section and the options type it binds, plus the few
/// keys read directly. Deployment files (k8s, systemd, docker-compose) are checked against it, so a renamed option fails here.
/// </summary>
internal static class DeploymentConfiguration
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Silo"] = typeof(SiloSettings),
        ["Cluster"] = typeof(ClusterOptions),
        ["Auth"] = typeof(AuthOptions),
        ["Matching"] = typeof(MatchingOptions),
        ["Training"] = typeof(TrainingOptions),
        ["Recommendation"] = typeof(RecommendationOptions),
        [UploadOptions.SectionName] = typeof(UploadOptions),
        [TelemetryOptions.SectionName] = typeof(TelemetryOptions),
    };

    private static readonly HashSet<string> DirectKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConnectionStrings__TalentFlow", "SampleData__Load", "ASPNETCORE_URLS",
        // OpenTelemetry's standard variables, read by its SDK (Telemetry/TelemetryHostingExtensions).
        "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_SDK_DISABLED",
    };

    /// <summary>Whether an environment variable name reaches a setting the silo reads; <paramref name="why"/> says why not.</summary>
    public static bool IsKnown(string name, out string why)
    {
        why = "";
        if (DirectKeys.Contains(name) || name.StartsWith("Logging__LogLevel__", StringComparison.Ordinal)) return true;
        var segments = name.Split("__");
        if (!Sections.TryGetValue(segments[0], out var type))
        {
            why = $"{name}: no section '{segments[0]}' is bound";
            return false;
        }
        for (int i = 1; i < segments.Length; i++)
        {
            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    why = $"{name}: '{segments[i]}' is not an index";
                    return false;
                }
                type = element;
                continue;
            }
            var property = type.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                why = $"{name}: {type.Name} has no settable '{segments[i]}'";
                return false;
            }
            type = property.PropertyType;
        }
        if (!IsLeaf(type))
        {
            why = $"{name}: names a section ({type.Name}), not a value";
            return false;
        }
        return true;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
    }
}
