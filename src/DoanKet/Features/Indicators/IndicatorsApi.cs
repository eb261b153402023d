namespace DoanKet.Features.Indicators;

/// <summary>API for figures: /api/v1/indicators, values and their sources.</summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder api) => api;
}
