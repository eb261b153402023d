using DoanKet.Data;
using DoanKet.Domain.Units;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the work-record pages and API (Features/Records).
public sealed partial class AccessMatrixTests
{
    /// <summary>Probes of the record pages and API; use s.Ids for the records made in <see cref="Sides.LoadRecordsAsync"/>.</summary>
    static partial void RecordProbes(Sides s, bool admin, List<Probe> p);
}

public sealed partial record Sides
{
    /// <summary>Creates side A's and side B's work records; store their ids in <paramref name="ids"/>.</summary>
    private static Task LoadRecordsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit aGroup, Unit kt, Unit p2Old, Unit bQuarter) => Task.CompletedTask;
}
