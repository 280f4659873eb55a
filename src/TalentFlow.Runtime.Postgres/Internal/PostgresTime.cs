namespace TalentFlow.Runtime.Postgres.Internal;

/// <summary>Times as <c>timestamptz</c> keeps them: UTC, to the microsecond (truncated here, so no driver rounding differs).</summary>
internal static class PostgresTime
{
    public static DateTimeOffset ToStored(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    public static TimeSpan ToStored(TimeSpan span) => TimeSpan.FromTicks(span.Ticks - span.Ticks % 10);
}
