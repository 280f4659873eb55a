using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("metrics")]
    [InlineData("/metrics/")]
    [InlineData("/me trics")]
    public void Start_MetricsPathNotAPath_FailsNamingTheSetting(string path)
    {
        using var host = new SiloHostFactory().WithWebHostBuilder(builder => builder.UseSetting("Telemetry:MetricsPath", path));

        var error = Assert.Throws<OptionsValidationException>(() => host.Server);
        Assert.Contains("Telemetry:MetricsPath", error.Message, StringComparison.Ordinal);
    }
}
