namespace TalentFlow.Hosting.Tests.Infrastructure;

/// <summary>Polls a condition the cluster reaches on its own (membership, metadata) until a deadline, then fails with the last error.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> attempt, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; last error: {last?.GetType().Name}: {last?.Message}", last);
    }
}
