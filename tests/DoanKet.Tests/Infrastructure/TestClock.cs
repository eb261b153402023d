using Microsoft.Extensions.Time.Testing;

namespace DoanKet.Tests.Infrastructure;

/// <summary>
/// The date every test runs at, whatever the machine's clock says: each test app runs on its own
/// <see cref="FakeTimeProvider"/> that starts here (1/12/2026, 10:00 in Vietnam) and moves on only
/// when a test advances it (plus a millisecond per reading, so that records keep their order).
/// Command-line runs of the built app get the same start through <c>Clock__Start</c>.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(7));

    public static DateOnly Today => DateOnly.FromDateTime(Start.DateTime);

    public static DateTime UtcNow => Start.UtcDateTime;

    /// <summary>The value of Clock:Start for a child process.</summary>
    public static string Setting => Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static FakeTimeProvider NewProvider() => new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
}
