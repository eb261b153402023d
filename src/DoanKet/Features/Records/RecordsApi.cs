namespace DoanKet.Features.Records;

/// <summary>API for work records: /api/v1/activities, conferences, initiatives, unity-days, commendations, targets.</summary>
public static class RecordsApi
{
    public static RouteGroupBuilder MapRecords(this RouteGroupBuilder api) => api;
}
