using Scalar.AspNetCore;
using TalentFlow.Silo.Hosting;
using TalentFlow.Silo;
using TalentFlow.Silo.Dashboard;
using TalentFlow.Silo.Endpoints;
using TalentFlow.Silo.Telemetry;

// `--apply-schema`: the deploy step that creates the PostgreSQL schema (Orleans' tables and the keyed records) once, then exits.
if (args.Contains(SchemaStep.Flag, StringComparer.Ordinal)) return await SchemaStep.RunAsync(args);

// A configuration error ends start-up with one line on stderr and exit code 1 (under WebApplicationFactory it surfaces as it is).
StartupErrors.ExitOnConfigurationError();
var builder = WebApplication.CreateBuilder(args);
builder.AddTalentFlowHost();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// A GET whose silo was lost mid-call is read once more (safe: it changes nothing); writes answer 503 instead.
app.UseMiddleware<ReadRetryMiddleware>();
app.MapOpenApi().AllowAnonymous();
// The interactive reference of that document at /scalar, offline: its script is served from the package, no CDN, fonts or telemetry.
app.MapScalarApiReference(o => o.WithTitle("TalentFlow API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()).AllowAnonymous();
app.MapHealthEndpoints();
app.MapClusterEndpoints();
app.MapCatalogEndpoints();
app.MapRequirementEndpoints();
app.MapUserEndpoints();
app.MapScreeningEndpoints();
app.MapFeedbackEndpoints();
app.MapTrainingEndpoints();
app.MapCareerEndpoints();
app.MapReviewEndpoints();
app.MapReviewPanel();
app.MapDashboard();
app.MapTalentFlowMetrics();
// Orleans' dashboard: admin only (the browser signs in with Basic, scripts send the key).
Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, "/dashboard").RequireAuthorization(TalentFlow.Silo.Security.ApiPolicies.Admin);
// What start would check with a half-started host and stack traces in its logs, checked before Orleans and Kestrel start.
StartupErrors.Validate(app.Services, app.Configuration);
app.Run();
return 0;

/// <summary>The host's entry point; public so tests can use <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
