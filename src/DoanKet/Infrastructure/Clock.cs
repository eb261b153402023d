namespace DoanKet.Infrastructure;

/// <summary>
/// The app's time. Everything that needs "now" or "today" reads it here, from the injected
/// <see cref="TimeProvider"/>: tests pin it, a training server can start it at a chosen instant
/// (<c>Clock:Start</c>), and "today" is always Vietnam's day, whatever the machine's zone.
/// This is the only file of src/ that may read the machine's clock (a test enforces it).
/// </summary>
public sealed class Clock(TimeProvider time)
{
    /// <summary>Vietnam keeps UTC+7 all year (no daylight saving since 1975).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The machine's clock, for design-time tools that build no app (EF's migration factories).</summary>
    public static Clock System { get; } = new(TimeProvider.System);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DayOf(UtcNow);

    /// <summary>Wall-clock time in Vietnam of a UTC instant (Kind = Unspecified).</summary>
    public static DateTime ToVietnam(DateTime utc) => DateTime.SpecifyKind(utc.Add(VietnamOffset), DateTimeKind.Unspecified);

    /// <summary>The Vietnamese day of a UTC instant: 17:30 UTC on 31/12 is already 1/1 there.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToVietnam(utc));

    /// <summary>
    /// The provider the app runs on: the machine's clock, or, with <c>Clock:Start</c> set (an ISO instant,
    /// e.g. 2026-12-01T09:00:00+07:00), a clock that starts there and runs on at the machine's pace.
    /// </summary>
    public static TimeProvider FromConfiguration(IConfiguration config)
    {
        var start = config["Clock:Start"];
        if (string.IsNullOrWhiteSpace(start)) return TimeProvider.System;
        if (!DateTimeOffset.TryParse(start, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            throw new InvalidOperationException($"Clock:Start “{start}” is not an instant (e.g. 2026-12-01T09:00:00+07:00).");
        return new StartedAt(at);
    }

    /// <summary>A clock set to <paramref name="start"/> when created that then advances with real time.</summary>
    private sealed class StartedAt(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = TimeProvider.System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + TimeProvider.System.GetElapsedTime(_origin);
    }
}
