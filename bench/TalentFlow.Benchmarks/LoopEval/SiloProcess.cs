using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TalentFlow.Benchmarks.LoopEval;

/// <summary>
/// A one-silo host in a child process: in-memory storage, no sample data, no automatic training, an admin key made for the
/// run, free ports; <c>--encoder minilm</c> gives it the silos' default encoder, all-MiniLM-L6-v2 beside its binaries
/// (<c>Matching:Encoder=minilm</c>, the version the built-in screening model was trained with), <c>lsa</c> the embedded fallback. Disposing stops it.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, HttpClient client) => (_process, Client) = (process, client);

    /// <summary>A client that sends the run's admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the silo of <paramref name="siloDll"/> with the encoder named <paramref name="encoder"/> (<c>lsa</c>, or <c>minilm</c>: the silo's default).</summary>
    public static async Task<SiloProcess> StartAsync(string siloDll, string encoder = "lsa")
    {
        string[] encoderArgs = encoder switch
        {
            "lsa" => ["--Matching:Encoder=lsa"],
            // The model must be beside the silo (built with it): say so here rather than as a silo that will not start.
            "minilm" => [MiniLmDirectory(siloDll).Length > 0 ? "--Matching:Encoder=minilm" : ""],
            _ => throw new ArgumentException($"--encoder is lsa or minilm, not '{encoder}'"),
        };
        int silo = FreePort();
        var host = Launch(siloDll, "loop-eval", FreePort(), "loop-eval-" + Guid.NewGuid().ToString("N"),
            [$"--Silo:Endpoint=127.0.0.1:{silo}", "--Silo:GatewayPort=0", "--SampleData:Load=false", "--Training:AutoTrigger=false", .. encoderArgs]);
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the silo of <paramref name="siloDll"/> on <paramref name="httpPort"/> with <paramref name="adminKey"/> and the further
    /// configuration <paramref name="arguments"/> (<c>--Section:Key=value</c>), without waiting: see <see cref="WaitUntilReadyAsync"/>.
    /// <paramref name="name"/> prefixes its log lines on our stderr.
    /// </summary>
    public static SiloProcess Launch(string siloDll, string name, int httpPort, string adminKey, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(siloDll))!,
        };
        foreach (string arg in (string[])["exec", siloDll, "--urls", $"http://127.0.0.1:{httpPort}", $"--Silo:SiloName={name}",
            $"--Auth:AdminKey={adminKey}", "--Logging:LogLevel:Default=Warning", .. arguments.Where(a => a.Length > 0)])
        {
            start.ArgumentList.Add(arg);
        }
        // Secrets (a connection string) travel in the environment, not on a command line other users can read.
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        // Drained so that the host never blocks on a full pipe; its warnings and errors (the only level it logs) go to our stderr.
        string prefix = $"[{name}] ";
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(prefix + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(prefix + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        return new SiloProcess(process, client);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the silo is Active in its cluster); throws when it exits or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready.");
            try
            {
                using var ready = await Client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (waited.Elapsed > timeout) throw new TimeoutException($"The silo was not ready within {timeout.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>Kills the process at once (SIGKILL on Unix): no drain, no deactivation, its membership row left Active.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The MiniLM files the build puts beside the silo (src/TalentFlow.ML.Onnx/README.md).</summary>
    private static string MiniLmDirectory(string siloDll)
    {
        string directory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(siloDll))!, "models", "all-MiniLM-L6-v2");
        return File.Exists(Path.Combine(directory, "model.onnx"))
            ? directory
            : throw new ArgumentException($"No MiniLM model beside the silo ({directory}): build src/TalentFlow.Silo -c Release.");
    }

    /// <summary>A port free on 127.0.0.1 now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
