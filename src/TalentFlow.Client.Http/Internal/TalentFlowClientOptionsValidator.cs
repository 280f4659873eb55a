using Microsoft.Extensions.Options;

namespace TalentFlow.Client.Http.Internal;

/// <summary>Checks <see cref="TalentFlowClientOptions"/> at start-up; messages name the setting, never a key's value.</summary>
internal sealed class TalentFlowClientOptionsValidator : IValidateOptions<TalentFlowClientOptions>
{
    public ValidateOptionsResult Validate(string? name, TalentFlowClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("TalentFlowClientOptions.BaseAddress must be an absolute http or https URI.");
        }
        bool hasKey = options.ApiKey is not null;
        if (hasKey && (options.ApiKey!.Length == 0 || options.ApiKey.Any(char.IsWhiteSpace)))
        {
            failures.Add("TalentFlowClientOptions.ApiKey is empty or holds white space.");
        }
        if (hasKey == (options.BearerTokenProvider is not null))
        {
            failures.Add("Set exactly one of TalentFlowClientOptions.ApiKey and TalentFlowClientOptions.BearerTokenProvider.");
        }
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add("TalentFlowClientOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }
        if (options.MaxRetries is < 0 or > 10) failures.Add("TalentFlowClientOptions.MaxRetries must be 0–10.");
        if (options.RetryBaseDelay < TimeSpan.Zero) failures.Add("TalentFlowClientOptions.RetryBaseDelay must not be negative.");
        if (options.MaxRetryDelay < options.RetryBaseDelay) failures.Add("TalentFlowClientOptions.MaxRetryDelay must be at least RetryBaseDelay.");
        // Polly's retry strategy takes delays of up to a day; refuse a longer one here, at start-up, not at the first call.
        if (options.MaxRetryDelay > TimeSpan.FromDays(1)) failures.Add("TalentFlowClientOptions.MaxRetryDelay must be at most 1 day.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
