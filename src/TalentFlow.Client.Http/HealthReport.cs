namespace TalentFlow.Client.Http;

/// <summary>Whether the silo behind the API is ready to serve (<c>GET /health/ready</c>).</summary>
/// <param name="IsReady">True when the silo is Active in its cluster.</param>
/// <param name="Status"><c>ready</c>, or what the server said instead (e.g. <c>The silo is Joining.</c>).</param>
public sealed record HealthReport(bool IsReady, string Status);
