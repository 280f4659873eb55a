using TalentFlow.Grains;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Postgres;
using TalentFlow.Silo.Security;
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
        builder.Services.Configure<ClusterOptions>(configuration.GetSection("Cluster"));
        string? connectionString = configuration.GetConnectionString("TalentFlow");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // The embedded default: one silo, everything in memory, nothing to install.
            builder.Services.AddInMemoryMembership().AddInMemoryGrainStorage().AddInMemoryReminders();
        }
        else
        {
            builder.Services
                .AddPostgresClustering(o => o.ConnectionString = connectionString)
                .AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString)
                .AddPostgresReminders(o => o.ConnectionString = connectionString);
        }
        builder.Services.AddTalentFlowSilo(o => configuration.GetSection("Silo").Bind(o))
            .AddTalentFlowGrains(o => configuration.GetSection("Matching").Bind(o));
        builder.Services.Configure<TrainingOptions>(configuration.GetSection("Training"));
        // Onnx:ExecutionProvider (auto|cpu|cuda): a typo stops the silo at start-up instead of silently running on CPU.
        builder.Services.AddOptions<ML.Onnx.OnnxRuntimeOptions>().Bind(configuration.GetSection(ML.Onnx.OnnxRuntimeOptions.SectionName))
            .Validate(o => ML.Onnx.OnnxRuntimeOptions.TryParseExecutionProvider(o.ExecutionProvider, out _),
                "Onnx:ExecutionProvider must be auto, cpu or cuda.")
            .ValidateOnStart();
        builder.Services.Configure<ReviewOptions>(configuration.GetSection(ReviewOptions.SectionName));
        builder.Services.Configure<RecommendationOptions>(configuration.GetSection("Recommendation"));
        builder.Services.Configure<CareerOptions>(configuration.GetSection("Careers"));
        builder.Services.AddTalentFlowUploads(configuration.GetSection(Uploads.UploadOptions.SectionName));
        builder.Services.AddTalentFlowWebhooks(configuration.GetSection(Webhooks.WebhookOptions.SectionName));
        builder.Services.AddSingleton<Dashboard.ClusterStatistics>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurityTransformer>().AddOperationTransformer<OpenApiSecurityTransformer>());
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Endpoints.ApiExceptionHandler>();
        // A real cluster must be given its keys; the embedded default makes an admin key for the run when none is set.
        builder.Services.AddTalentFlowAuthentication(configuration.GetSection(AuthOptions.SectionName),
            generateAdminKeyWhenMissing: string.IsNullOrWhiteSpace(connectionString));
        // Sample data by default only where nothing persists: a real cluster's database is not filled with examples.
        if (configuration.GetValue("SampleData:Load", defaultValue: string.IsNullOrWhiteSpace(connectionString)))
        {
            builder.Services.AddHostedService<SampleDataLoader>();
        }
        return builder;
    }
}
