using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Client.Http;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// How the operations commands (<c>training</c>, <c>models</c>) reach a running cluster: its HTTP API at <c>--url</c>
/// (default <c>$TALENTFLOW_URL</c>, else <c>http://127.0.0.1:8080</c>) with the admin key <c>--api-key</c> (default
/// <c>$TALENTFLOW_API_KEY</c>), through the typed client SDK. API errors become one readable line and exit code 1.
/// </summary>
internal sealed class ApiConnection
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public Option<string?> Url { get; } = new("--url") { Description = "The TalentFlow API's base address. Default: $TALENTFLOW_URL, else " + DefaultUrl + "." };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "An admin API key. Default: $TALENTFLOW_API_KEY." };

    /// <summary>Adds <c>--url</c> and <c>--api-key</c> to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
    }

    /// <summary>Runs <paramref name="call"/> with a client for the parsed address and key, and turns API failures into <see cref="CliException"/>.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<TalentFlowHttpClient, CancellationToken, Task<int>> call, CancellationToken cancellationToken)
    {
        string url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable("TALENTFLOW_URL") ?? DefaultUrl;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--url must be an absolute http(s) address, not '{url}'");
        }
        string? key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("TALENTFLOW_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliException("no API key: pass --api-key KEY or set TALENTFLOW_API_KEY (a silo without Auth__AdminKey prints its generated admin key at start-up)", CliApp.BadArguments);
        }
        if (key.Any(char.IsWhiteSpace))
        {
            throw new CliException("the API key holds white space: pass it to --api-key or TALENTFLOW_API_KEY exactly as the silo printed it, without spaces or line breaks", CliApp.BadArguments);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTalentFlowClient(o =>
        {
            o.BaseAddress = address;
            o.ApiKey = key;
        });
        await using var provider = services.BuildServiceProvider();
        TalentFlowHttpClient client;
        try
        {
            client = provider.GetRequiredService<TalentFlowHttpClient>();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // The SDK's own check of what --url and --api-key made: a call to fix, in one line.
            throw new CliException("the client settings are not valid: " + string.Join("; ", ex.Failures), CliApp.BadArguments);
        }
        try
        {
            return await call(client, cancellationToken).ConfigureAwait(false);
        }
        catch (TalentFlowApiException ex)
        {
            string hint = ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (pass an admin key with --api-key or $TALENTFLOW_API_KEY)" : "";
            throw new CliException($"the API answered {(int)ex.StatusCode}: {ex.Detail ?? ex.Title ?? ex.StatusCode.ToString()}{hint}");
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the TalentFlow API at {address}: {ex.Message}");
        }
        catch (TimeoutException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
