namespace TalentFlow.Client.Http;

/// <summary>
/// Where the TalentFlow HTTP API is, how to authenticate, and how long and how often to try
/// (<see cref="Microsoft.Extensions.DependencyInjection.TalentFlowClientServiceCollectionExtensions.AddTalentFlowClient"/> validates them at start-up).
/// </summary>
public sealed class TalentFlowClientOptions
{
    /// <summary>The API's root, e.g. <c>https://talentflow.example.com/</c>. Required; absolute, <c>http</c> or <c>https</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The API key sent in <c>X-Api-Key</c> with every request. Set this or <see cref="BearerTokenProvider"/>, not both.
    /// Never logged, and left out of <see cref="ToString"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gives the JWT sent as <c>Authorization: Bearer</c>, asked before every attempt (so a refreshed token is picked up);
    /// null sends no header. Set this or <see cref="ApiKey"/>, not both.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? BearerTokenProvider { get; set; }

    /// <summary>
    /// How long one call may take in all: every attempt, the waits between them, and reading the answer; then it throws
    /// <see cref="TimeoutException"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: no limit. Default 30 s.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times an idempotent call (GET, PUT, DELETE) is tried again after a transient failure; POST is never retried.
    /// 0–10, default 2.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The typical wait before the first retry; each further one about doubles it (Polly's exponential backoff with jitter),
    /// up to <see cref="MaxRetryDelay"/>. Default 200 ms.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest wait between attempts, at most 1 day. A server that asks (<c>Retry-After</c>) for a longer one is not
    /// retried: its answer surfaces as <see cref="TalentFlowApiException"/> with <see cref="TalentFlowApiException.RetryAfter"/>.
    /// Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings without secrets: the API key and token provider only say whether they are set.</summary>
    public override string ToString() =>
        $"BaseAddress={BaseAddress}, ApiKey={(ApiKey is null ? "(none)" : "(set)")}, BearerTokenProvider={(BearerTokenProvider is null ? "(none)" : "(set)")}, " +
        $"Timeout={Timeout}, MaxRetries={MaxRetries}, RetryBaseDelay={RetryBaseDelay}, MaxRetryDelay={MaxRetryDelay}";
}
