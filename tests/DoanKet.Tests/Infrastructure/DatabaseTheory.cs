using Xunit.Abstractions;
using Xunit.Sdk;

namespace DoanKet.Tests.Infrastructure;

/// <summary>
/// Runs a test once per database engine: the test method takes one <c>string engine</c> argument
/// ("sqlite" or "postgres"). Like bitwarden's DatabaseDataAttribute. PostgreSQL comes from
/// DOANKET_TEST_PG; without it the PostgreSQL case is skipped, except under CI=true where it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("DoanKet.Tests.Infrastructure.DatabaseTheoryDiscoverer", "DoanKet.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseTheoryAttribute : FactAttribute;

public static class Engines
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("DOANKET_TEST_PG") is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingPostgres = "PostgreSQL is not configured: set DOANKET_TEST_PG to an admin connection string (test.sh starts a throwaway cluster and sets it).";
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = options.MethodDisplayOrDefault();
        var displayOptions = options.MethodDisplayOptionsOrDefault();
        yield return new XunitTestCase(diagnostics, display, displayOptions, testMethod, [Engines.Sqlite]);
        if (Engines.PostgresAdmin is null && !Engines.IsCi)
            yield return new XunitSkippedDataRowTestCase(diagnostics, display, displayOptions, testMethod, Engines.MissingPostgres, [Engines.Postgres]);
        else
            yield return new XunitTestCase(diagnostics, display, displayOptions, testMethod, [Engines.Postgres]);
    }
}
