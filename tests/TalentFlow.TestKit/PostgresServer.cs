using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace TalentFlow.TestKit;

/// <summary>
/// A throwaway PostgreSQL server for one test run (as Orleans' test fixtures start their databases): <c>initdb</c> into a
/// temporary folder, <c>postgres</c> on a free port of 127.0.0.1 with its unix socket in that folder and <c>fsync=off</c>,
/// then a fresh database per caller of <see cref="CreateDatabaseAsync"/>. When run as root, the folder is given to the
/// <c>postgres</c> user and the server runs through <c>runuser -u postgres --</c>. Missing binaries fail the tests loudly (never a
/// skip). Stopped and deleted on dispose. Use one per test run, as an xunit collection fixture.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string InstallHint = "Install them with: apt-get install -y postgresql";
    private readonly SemaphoreSlim _databaseGate = new(1, 1);
    private string? _root;
    private string? _dataDirectory;
    private int _databases;
    private bool _started;

    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>.</summary>
    public string BinDirectory { get; private set; } = "";

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to the <c>postgres</c> maintenance database, as the superuser <c>postgres</c>.</summary>
    public string ConnectionString => Build("postgres");

    /// <summary>Finds the binaries, creates the cluster and starts the server; waits until it accepts connections.</summary>
    public async Task InitializeAsync()
    {
        BinDirectory = FindBinDirectory();
        bool asRoot = IsRoot();
        _root = Path.Combine(TempBase(asRoot), "talentflow-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _dataDirectory = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (asRoot) await RunAsync("chown", ["postgres:postgres", _root], asPostgres: false).ConfigureAwait(false);
        await RunAsync(Path.Combine(BinDirectory, "initdb"),
            ["-D", _dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asRoot).ConfigureAwait(false);

        Exception? last = null;
        for (int attempt = 0; attempt < 5 && !_started; attempt++)
        {
            Port = FreePort();
            string options = string.Join(' ',
                "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _root, "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300");
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                    ["-D", _dataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], asRoot).ConfigureAwait(false);
                _started = true;
            }
            catch (InvalidOperationException ex)
            {
                // Most likely another process took the port between our probe and the server's bind: try another.
                last = ex;
            }
        }
        if (!_started) throw new InvalidOperationException("The throwaway PostgreSQL server did not start. " + ServerLog(), last);
        await WaitUntilAcceptingAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>
    /// Creates a fresh, empty database and returns a connection string to it. <paramref name="prefix"/> names it, for a
    /// readable server log (e.g. the test class's name).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        if (!_started) throw new InvalidOperationException("The PostgreSQL server is not started: call InitializeAsync first.");
        var safe = new StringBuilder();
        foreach (char c in prefix.ToLowerInvariant()) safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (safe.Length > 40) safe.Length = 40;
        string name = string.Create(CultureInfo.InvariantCulture, $"{safe}_{Interlocked.Increment(ref _databases)}");
        // CREATE DATABASE copies template1 and fails if another copy is under way: one at a time.
        await _databaseGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _databaseGate.Release();
        }
        return Build(name);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            _started = false;
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", _dataDirectory!, "-m", "immediate", "-w", "-t", "30", "stop"], IsRoot()).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Best effort: the folder goes anyway.
            }
        }
        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held: the temp folder's owner cleans it up.
            }
            catch (UnauthorizedAccessException)
            {
                // Idem.
            }
        }
        _databaseGate.Dispose();
    }

    private string Build(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 30,
        CommandTimeout = 60,
    }.ConnectionString;

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (!_started || _dataDirectory is null) return;
        try
        {
            RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "stop"], IsRoot()).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // The process is going anyway.
        }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private string ServerLog()
    {
        string path = Path.Combine(_root ?? "", "server.log");
        return File.Exists(path) ? "Server log:\n" + File.ReadAllText(path) : "";
    }

    /// <summary>Finds initdb, pg_ctl and postgres: <c>pg_config --bindir</c>, then /usr/lib/postgresql/*/bin (newest first), then PATH.</summary>
    public static string FindBinDirectory()
    {
        var candidates = new List<string>();
        try
        {
            var psi = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi);
            if (process is not null)
            {
                string output = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                if (process.ExitCode == 0 && output.Length > 0) candidates.Add(output);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH.
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (string dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException(
            "The PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found via pg_config --bindir, " +
            "/usr/lib/postgresql/*/bin or PATH. The PostgreSQL tests need them and do not skip. " + InstallHint);
    }

    private static bool IsRoot() => Environment.UserName == "root";

    /// <summary>The temp folder, unless the postgres user could not reach into it (e.g. TMPDIR under /root): then /tmp.</summary>
    private static string TempBase(bool asRoot)
    {
        string temp = Path.GetTempPath();
        if (!asRoot || OperatingSystem.IsWindows()) return temp;
        for (var dir = new DirectoryInfo(temp); dir is not null; dir = dir.Parent)
        {
            if ((File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0) return "/tmp";
        }
        return temp;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var psi = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (string a in (string[])["-u", "postgres", "--", fileName]) psi.ArgumentList.Add(a);
        }
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // pg_ctl start leaves the server holding inherited pipes: read to end would never finish, so read only until exit.
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string output;
            lock (stdout) lock (stderr) output = stdout.ToString() + stderr;
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited with {process.ExitCode}: {output.Trim()}");
        }
    }
}
