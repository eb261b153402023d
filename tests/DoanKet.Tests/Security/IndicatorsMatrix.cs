using DoanKet.Data;
using DoanKet.Domain.Units;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the dashboards, figures, sources, targets, weekly entry and indicator API (Features/Indicators).
public sealed partial class AccessMatrixTests
{
    /// <summary>Probes of the indicator pages and API; use s.Ids for the records made in <see cref="Sides.LoadIndicatorsAsync"/>.</summary>
    static partial void IndicatorProbes(Sides s, bool admin, List<Probe> p);
}

public sealed partial record Sides
{
    /// <summary>Creates what the indicator probes need for both sides; store their ids in <paramref name="ids"/>.</summary>
    private static Task LoadIndicatorsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit aGroup, Unit kt, Unit p2Old, Unit bQuarter) => Task.CompletedTask;
}
