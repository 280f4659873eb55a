using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Webhooks;

/// <summary>Checks <see cref="WebhookOptions"/> at start-up; messages name the setting, never a secret's value.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The shortest secret accepted: 16 characters.</summary>
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        for (int i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            string where = $"Webhooks:Endpoints:{i}";
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{where}:Url must be an absolute http or https URL, not '{endpoint.Url}'.");
            }
            if (string.IsNullOrEmpty(endpoint.Secret) || endpoint.Secret.Length < MinSecretLength)
            {
                failures.Add($"{where}:Secret must be at least {MinSecretLength} characters (receivers verify the signature with it).");
            }
        }
        if (options.InitialBackoff < TimeSpan.FromMilliseconds(10) || options.InitialBackoff > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Webhooks:InitialBackoff must be between 10 ms and 10 min, not {options.InitialBackoff}.");
        }
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Webhooks:RequestTimeout must be between 100 ms and 5 min, not {options.RequestTimeout}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
