using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentFlow.Silo.Security;
using TalentFlow.Silo.Webhooks;

namespace TalentFlow.Silo.Tests;

/// <summary>Registry events reach a real receiver: signed, retried after a 500, one per change.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class WebhookDeliveryTests(GovernanceHostFixture fixture)
{
    private static JsonElement Parse(WebhookReceiver.Delivery d) => JsonDocument.Parse(d.Body).RootElement.Clone();

    [Fact]
    public async Task Promotion_ReceiverFailsOnceWith500_IsRetriedSignedWithTheSameEventId()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-w1");
        await fixture.DrainAsync();
        fixture.Receiver.FailNext(1);

        (await admin.PostAsJsonAsync("/api/v1/models/baseline_tfidf/versions/gov-w1/promote", new { reason = "webhook test" })).EnsureSuccessStatusCode();
        var deliveries = await fixture.Receiver.WaitForAsync(all =>
            all.Count(d => d.AnsweredWith == 200 && Parse(d).GetProperty("kind").GetString() == "promoted" && Parse(d).GetProperty("version").GetString() == "gov-w1") == 1);

        var promoted = deliveries.Where(d => Parse(d).GetProperty("kind").GetString() == "promoted" && Parse(d).GetProperty("version").GetString() == "gov-w1").ToList();
        // The first attempt got the 500, the retry the 200: the same event, body and signature.
        Assert.Equal([500, 200], promoted.Select(d => d.AnsweredWith));
        Assert.Equal(promoted[0].Body, promoted[1].Body);
        Assert.Equal(promoted[0].Headers[WebhookSignature.EventIdHeader], promoted[1].Headers[WebhookSignature.EventIdHeader]);
        var body = Parse(promoted[1]);
        Assert.Equal(body.GetProperty("id").GetString(), promoted[1].Headers[WebhookSignature.EventIdHeader]);
        Assert.Equal(("admin", "webhook test", "Production"), (body.GetProperty("actor").GetString(), body.GetProperty("reason").GetString(), body.GetProperty("stage").GetString()));
        Assert.Equal("promoted", promoted[1].Headers[WebhookSignature.EventKindHeader]);
        Assert.True(long.Parse(promoted[1].Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.StartsWith("application/json", promoted[1].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.All(promoted, d => Assert.True(WebhookSignature.Verify(d.Body, GovernanceHostFixture.Secret, d.Headers[WebhookSignature.SignatureHeader])));
    }

    [Fact]
    public async Task Signature_IsTheHmacSha256OfTheBody_AndFailsForAnotherSecretOrABodyChange()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-w2");
        var delivery = (await fixture.Receiver.WaitForAsync(all => all.Any(d => Parse(d).GetProperty("version").GetString() == "gov-w2")))
            .First(d => Parse(d).GetProperty("version").GetString() == "gov-w2");
        string header = delivery.Headers[WebhookSignature.SignatureHeader];

        // Recomputed here with the framework's HMAC, as a receiver in any language would.
        string expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(GovernanceHostFixture.Secret), delivery.Body));
        Assert.Equal(expected, header);
        Assert.True(WebhookSignature.Verify(delivery.Body, GovernanceHostFixture.Secret, header));
        Assert.False(WebhookSignature.Verify(delivery.Body, "another-secret-0123456789abcdef", header));
        var tampered = delivery.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(tampered, GovernanceHostFixture.Secret, header));
        Assert.False(WebhookSignature.Verify(delivery.Body, GovernanceHostFixture.Secret, null));
        Assert.Equal(("registered", "None"), (Parse(delivery).GetProperty("kind").GetString(), Parse(delivery).GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task Delivery_ReceiverAlwaysFails_GivesUpAfterMaxAttempts()
    {
        var options = fixture.Host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        await fixture.DrainAsync();
        fixture.Receiver.FailNext(1000);
        try
        {
            await AbTestApiTests.RegisterBaselineAsync(admin, "gov-w3");
            var deliveries = await fixture.Receiver.WaitForAsync(all => all.Count(d => Parse(d).GetProperty("version").GetString() == "gov-w3") >= options.MaxAttempts);
            Assert.Equal(options.MaxAttempts, deliveries.Count(d => Parse(d).GetProperty("version").GetString() == "gov-w3"));
        }
        finally
        {
            fixture.Receiver.FailNext(0);
        }
    }

    [Theory]
    [InlineData("not-a-url", "a-secret-long-enough-0123", "Webhooks:Endpoints:1:Url")]
    [InlineData("ftp://hooks.example.com/x", "a-secret-long-enough-0123", "Webhooks:Endpoints:1:Url")]
    [InlineData("https://hooks.example.com/x", "short-secret", "Webhooks:Endpoints:1:Secret")]
    public void Start_BadWebhookEndpoint_FailsWithAnOptionsErrorNamingTheSetting(string url, string secret, string setting)
    {
        using var broken = fixture.Host.WithWebHostBuilder(b => b
            .UseSetting("Webhooks:Endpoints:1:Url", url).UseSetting("Webhooks:Endpoints:1:Secret", secret).UseSetting("SampleData:Load", "false"));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(e.GetBaseException());
        Assert.Contains(setting, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, validation.Message, StringComparison.Ordinal);
    }
}
