using Orleans.Configuration;
using TalentFlow.Grains;
using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Review;
using TalentFlow.Grains.Training;
using TalentFlow.Silo.Hosting;
using TalentFlow.Silo.Security;
using TalentFlow.Silo.Telemetry;
using TalentFlow.Silo.Uploads;
using TalentFlow.Silo.Webhooks;

namespace TalentFlow.Silo;

/// <summary>Wires the silo into the web host from configuration: which providers, which endpoint, which roles.</summary>
internal static class HostComposition
{
    /// <summary>The listening address when neither <c>ASPNETCORE_URLS</c> nor <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder AddTalentFlowHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        string? connectionString = configuration.GetConnectionString("TalentFlow");
        var silo = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var endpoint = silo.ResolveEndpoint();
        int gatewayPort = silo.ResolveGatewayPort();
        var advertised = silo.ResolveAdvertised(endpoint);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = silo.ShutdownDrainTimeout);
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(configuration.GetSection("Cluster"));
            orleans.Configure<SiloOptions>(o => o.SiloName = silo.SiloName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                // The embedded default: everything in memory, nothing to install; more silos on one machine join the first.
                orleans.UseLocalhostClustering(endpoint.Port, gatewayPort, silo.ResolvePrimary(),
                    configuration["Cluster:ServiceId"] ?? "talentflow", configuration["Cluster:ClusterId"] ?? "dev");
            }
            else
            {
                orleans.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = advertised;
                    o.SiloPort = endpoint.Port;
                    o.GatewayPort = gatewayPort;
                    o.SiloListeningEndpoint = endpoint;
                    o.GatewayListeningEndpoint = new System.Net.IPEndPoint(endpoint.Address, gatewayPort);
                });
            }
            // Orleans' own dashboard (silos, grains, methods, reminders) at /dashboard; the TalentFlow panels beside it.
            Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(orleans);
            orleans.AddTalentFlowSilo(o =>
            {
                o.ConnectionString = connectionString;
                // Localhost clustering is configured above, with this silo's ports; with PostgreSQL, Orleans' ADO.NET membership.
                o.ConfigureClustering = !string.IsNullOrWhiteSpace(connectionString);
                foreach (string role in silo.Roles) o.Roles.Add(role);
            }, matching => configuration.GetSection("Matching").Bind(matching));
        });
        builder.Services.Configure<TrainingOptions>(configuration.GetSection("Training"));
        builder.Services.Configure<EncoderTrainingOptions>(configuration.GetSection(EncoderTrainingOptions.SectionName));
        // Onnx:ExecutionProvider (auto|cpu|cuda): a typo stops the silo at start-up instead of silently running on CPU.
        builder.Services.AddOptions<ML.Onnx.OnnxRuntimeOptions>().Bind(configuration.GetSection(ML.Onnx.OnnxRuntimeOptions.SectionName))
            .Validate(o => ML.Onnx.OnnxRuntimeOptions.TryParseExecutionProvider(o.ExecutionProvider, out _),
                "Onnx:ExecutionProvider must be auto, cpu or cuda.")
            .Validate(o => ML.Onnx.OnnxRuntimeOptions.TryParseQuantization(o.Quantization, out _) && o.EmbeddingCacheSize >= 0,
                "Onnx:Quantization must be none or int8, Onnx:EmbeddingCacheSize at least 0.")
            .ValidateOnStart();
        builder.Services.Configure<ReviewOptions>(configuration.GetSection(ReviewOptions.SectionName));
        builder.Services.Configure<RecommendationOptions>(configuration.GetSection("Recommendation"));
        builder.Services.Configure<CareerOptions>(configuration.GetSection("Careers"));
        builder.Services.AddTalentFlowUploads(configuration.GetSection(Uploads.UploadOptions.SectionName));
        builder.Services.AddTalentFlowEvidence(configuration.GetSection(EvidenceOptionsSetup.SectionName));
        builder.Services.AddTalentFlowWebhooks(configuration.GetSection(Webhooks.WebhookOptions.SectionName));
        // The document describes the HTTP API (/api, /health), not the pages and Orleans' dashboard routes served beside it.
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurityTransformer>().AddOperationTransformer<OpenApiSecurityTransformer>()
            .ShouldInclude = d => d.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("health/", StringComparison.Ordinal)));
        builder.Services.AddProblemDetails();
        // A body ASP.NET Core cannot bind (malformed JSON, a value of the wrong type) reaches ApiExceptionHandler, which says
        // where; otherwise the framework answers a bare 400 without a detail.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<Endpoints.ApiExceptionHandler>();
        // A real cluster must be given its keys; the embedded default makes an admin key for the run when none is set.
        builder.Services.AddTalentFlowAuthentication(configuration.GetSection(AuthOptions.SectionName),
            generateAdminKeyWhenMissing: string.IsNullOrWhiteSpace(connectionString));
        // Sample data by default only where nothing persists: a real cluster's database is not filled with examples.
        if (configuration.GetValue("SampleData:Load", defaultValue: string.IsNullOrWhiteSpace(connectionString)))
        {
            builder.Services.AddHostedService<SampleDataLoader>();
        }
        builder.AddTalentFlowTelemetry();
        return builder;
    }
}
