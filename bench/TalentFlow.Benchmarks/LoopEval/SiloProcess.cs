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
        int http = FreePort(), silo = FreePort();
        string key = "loop-eval-" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
        };
        foreach (string arg in (string[])["exec", siloDll, "--urls", $"http://127.0.0.1:{http}", $"--Silo:Endpoint=127.0.0.1:{silo}", "--Silo:GatewayPort=0", "--Silo:SiloName=loop-eval",
            "--SampleData:Load=false", "--Training:AutoTrigger=false", $"--Auth:AdminKey={key}", "--Logging:LogLevel:Default=Warning", .. encoderArgs])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        // Drained so that the host never blocks on a full pipe; its warnings and errors (the only level it logs) go to our stderr.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[silo] " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[silo] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var host = new SiloProcess(process, client);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The silo exited with code {process.ExitCode} before it was ready.");
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return host;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                await host.DisposeAsync();
                throw new TimeoutException("The silo was not ready within two minutes.");
            }
            await Task.Delay(250);
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
