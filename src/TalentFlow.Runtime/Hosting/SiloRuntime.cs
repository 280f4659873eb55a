using System.Text.Json;
using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Broadcast;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Messaging;
using TalentFlow.Runtime.Placement;
using TalentFlow.Runtime.Reminders;

namespace TalentFlow.Runtime.Hosting;

/// <summary>
/// One silo's runtime, composed from its parts: catalog, router, membership, endpoint, reminders, broadcast. Created by
/// dependency injection; started and stopped by <see cref="SiloHostedService"/>.
/// </summary>
internal sealed partial class SiloRuntime : ILocalCallHandler, IClusterView, IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly RemoteGrainInvoker _remote;

    public SiloRuntime(
        IServiceProvider services,
        SiloOptions options,
        TimeProvider timeProvider,
        ILogger<SiloRuntime> log,
        GrainManifest manifest,
        JsonSerializerOptions json,
        IMembershipTable membershipTable,
        IReminderTable reminderTable,
        IEnumerable<IBroadcastHandler> broadcastHandlers)
    {
        Options = options;
        TimeProvider = timeProvider;
        Log = log;
        Manifest = manifest;
        Json = json;
        Catalog = new Catalog(this);
        Activator = new GrainActivator(services, json);
        _remote = new RemoteGrainInvoker(json, options.ResponseTimeout, options.MaxMessageSize, timeProvider);
        Router = new GrainCallRouter(this, _remote, this);
        GrainFactory = new GrainFactory(Router, () => Manifest.Manifest);
        Membership = new MembershipService(membershipTable, options.Membership, timeProvider, log, _remote.Http);
        Reminders = new ReminderService(reminderTable, this);
        Broadcaster = new ClusterBroadcaster(this, broadcastHandlers);
        Endpoint = new SiloEndpoint(this);
        Membership.ViewChanged += _ =>
        {
            if (Status == SiloStatus.Active) Catalog.DeactivateMoved();
            Reminders.OnViewChanged();
        };
        Membership.DeclaredDead += () => _ = KillAsync();
    }

    public SiloOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public TimeSpan ResponseTimeout => Options.ResponseTimeout;

    public ILogger Log { get; }

    public GrainManifest Manifest { get; }

    public JsonSerializerOptions Json { get; }

    public Catalog Catalog { get; }

    public GrainActivator Activator { get; }

    public GrainCallRouter Router { get; }

    public IGrainFactory GrainFactory { get; }

    public MembershipService Membership { get; }

    public ReminderService Reminders { get; }

    public ClusterBroadcaster Broadcaster { get; }

    public SiloEndpoint Endpoint { get; }

    public SiloAddress? LocalAddress { get; private set; }

    public SiloStatus Status { get; private set; }

    public CancellationToken ShutdownToken => _shutdown.Token;

    public MembershipView View => Membership.View;

    public GrainTypePlacement? GetPlacement(string grainType) => Manifest.Manifest.GrainTypes.GetValueOrDefault(grainType);

    public Task RefreshAsync(long minVersion, CancellationToken cancellationToken) => Membership.RefreshAsync(minVersion, cancellationToken);

    public bool HostsGrainType(string grainType) => Manifest.GetClass(grainType) is not null;

    /// <summary>Whether this silo owns a grain in its current view.</summary>
    public bool IsLocalOwner(GrainId grainId)
    {
        var placement = GetPlacement(grainId.Type);
        return placement is not null && LocalAddress is { } local && View.PickOwner(grainId.StableHash(), placement.Role) == local;
    }

    public ValueTask<T> InvokeLocalAsync<T>(GrainReference target, GrainRequest<T> request)
    {
        var grainClass = Manifest.GetClass(target.GrainId.Type)
            ?? throw new GrainMethodNotFoundException($"This silo hosts no grain type '{target.GrainId.Type}'.");
        var activation = Catalog.GetOrCreate(target.GrainId, grainClass);
        return activation.InvokeAsync(request, 0, static (grain, r, _) => ((GrainRequest<T>)r).InvokeAsync(grain));
    }

    public MembershipSnapshot MembershipSnapshot()
    {
        var view = View;
        return new MembershipSnapshot(view.Version, [.. view.Entries.Select(e => new SiloSnapshot(e.Silo.ToString(), e.SiloName, e.Status.ToString(), e.Roles))]);
    }

    public async ValueTask DisposeAsync()
    {
        await WaitForStopAsync().ConfigureAwait(false);
        Catalog.Dispose();
        await Reminders.DisposeAsync().ConfigureAwait(false);
        await Membership.DisposeAsync().ConfigureAwait(false);
        await Endpoint.DisposeAsync().ConfigureAwait(false);
        _remote.Dispose();
        _shutdown.Dispose();
    }
}
