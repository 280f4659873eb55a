namespace TalentFlow.Runtime.CodeGen.Tests.Samples;

/// <summary>A base grain interface: its methods are flattened into derived ones.</summary>
public interface IGreeterGrain : IGrain
{
    /// <summary>Greets someone.</summary>
    Task<string> GreetAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A grain interface compiled by the real build, for the round-trip tests.</summary>
[GrainInterfaceName("samples.calculator")]
public interface ICalculatorGrain : IGreeterGrain
{
    /// <summary>Adds numbers to a start value.</summary>
    Task<int> AddAsync(int start, int[] values);

    /// <summary>An overload: one argument.</summary>
    [ReadOnly]
    ValueTask<string?> DescribeAsync(string? label);

    /// <summary>An overload: two arguments.</summary>
    [AlwaysInterleave]
    ValueTask<string?> DescribeAsync(string? label, (int Count, string Unit) amount);

    /// <summary>Stores a note.</summary>
    Task SetNoteAsync(string @event, CancellationToken cancellationToken);

    /// <summary>Returns the stored note.</summary>
    ValueTask<string?> GetNoteAsync();

    /// <summary>Does nothing.</summary>
    ValueTask PingAsync();
}

/// <summary>A plain implementation: requests and proxies need only an object implementing the interface.</summary>
internal sealed class Calculator : ICalculatorGrain
{
    public string? Note { get; private set; }

    public CancellationToken LastToken { get; private set; }

    public int Pings { get; private set; }

    public Task<string> GreetAsync(string name, CancellationToken cancellationToken = default)
    {
        LastToken = cancellationToken;
        return Task.FromResult("Hello, " + name);
    }

    public Task<int> AddAsync(int start, int[] values) => Task.FromResult(start + values.Sum());

    public ValueTask<string?> DescribeAsync(string? label) => new(label is null ? null : "label:" + label);

    public ValueTask<string?> DescribeAsync(string? label, (int Count, string Unit) amount) =>
        new($"{label}:{amount.Count} {amount.Unit}");

    public async Task SetNoteAsync(string @event, CancellationToken cancellationToken)
    {
        await Task.Yield();
        LastToken = cancellationToken;
        Note = @event;
    }

    public ValueTask<string?> GetNoteAsync() => new(Note);

    public ValueTask PingAsync()
    {
        Pings++;
        return ValueTask.CompletedTask;
    }
}
