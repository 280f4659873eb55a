using Microsoft.Extensions.Options;
using System.Net;
using System.Net.Sockets;

namespace TalentFlow.Silo.Hosting;

/// <summary>
/// The <c>Silo</c> section (<c>Silo__Endpoint</c>, <c>Silo__GatewayPort</c>, <c>Silo__SiloName</c>, <c>Silo__Roles__0</c>):
/// where this silo listens for its peers and for cluster clients, its name and roles.
/// </summary>
internal sealed class SiloSettings
{
    public const string SectionName = "Silo";

    /// <summary>A readable name for logs and the dashboard. Default: the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>
    /// <c>host:port</c> of silo-to-silo traffic; the host is advertised to peers (an IP, or a name resolved at start: in
    /// containers the service name). Port 0 takes a free port (tests). Default <c>127.0.0.1:11111</c>.
    /// </summary>
    public string Endpoint { get; set; } = "127.0.0.1:11111";

    /// <summary>
    /// The host peers and clients reach this silo at, when it listens on <c>0.0.0.0</c> (containers: the service name or
    /// pod IP). Default: the endpoint's host.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How long a stopping silo may take to finish calls and deactivate its grains (the host's shutdown timeout). Default 30 s.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The port cluster clients connect to (Orleans' gateway). 0 takes a free port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Roles the silo publishes, e.g. <c>trainer</c>. Default none.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// Without a database (the embedded default), the silo whose endpoint keeps the membership: unset on the first silo,
    /// the first silo's <see cref="Endpoint"/> on the others. Ignored with PostgreSQL.
    /// </summary>
    public string? PrimarySiloEndpoint { get; set; }

    /// <summary>The listening address and port of <see cref="Endpoint"/>, a free port taken for 0; a one-line error when it cannot be read.</summary>
    public IPEndPoint ResolveEndpoint() => Resolve(Endpoint, "Silo:Endpoint", advertise: false);

    /// <summary>The address peers reach: <see cref="AdvertisedHost"/> resolved, else the endpoint's (loopback for <c>0.0.0.0</c>).</summary>
    public IPAddress ResolveAdvertised(IPEndPoint listening) =>
        AdvertisedHost is { Length: > 0 } host ? Resolve(host + ":0", "Silo:AdvertisedHost", advertise: true).Address
        : listening.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : listening.Address;

    /// <summary>The primary silo's endpoint, or null.</summary>
    public IPEndPoint? ResolvePrimary() => PrimarySiloEndpoint is { Length: > 0 } primary ? Resolve(primary, "Silo:PrimarySiloEndpoint", advertise: true) : null;

    /// <summary><see cref="GatewayPort"/>, a free port for 0.</summary>
    public int ResolveGatewayPort() => GatewayPort switch
    {
        0 => FreePort(),
        < 0 or > 65535 => throw Invalid($"Silo:GatewayPort must be a port 0–65535 (was {GatewayPort})."),
        _ => GatewayPort,
    };

    private static IPEndPoint Resolve(string value, string setting, bool advertise)
    {
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out int port) || port is < 0 or > 65535)
        {
            throw Invalid($"{setting} must be host:port (was '{value}').");
        }
        string host = value[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            // A host name (a container's service name): Orleans advertises an IP, so take the name's first IPv4 address.
            address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw Invalid($"{setting} names host '{host}', which has no IPv4 address.");
        }
        if (advertise && address.Equals(IPAddress.Any)) address = IPAddress.Loopback;
        return new IPEndPoint(address, port == 0 && !advertise ? FreePort() : port);
    }

    /// <summary>A setting that cannot be used: the options error start-up reports in one line (<see cref="StartupErrors"/>).</summary>
    private static OptionsValidationException Invalid(string failure) => new(SectionName, typeof(SiloSettings), [failure]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
