using System.Globalization;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Features.Funds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>Output caching of the public pages: tagged per fund so that a new entry evicts only its fund's pages.</summary>
public sealed class PublicCache : IOutputCachePolicy
{
    public const string Policy = "public";

    public static string Tag(int fundId) => "fund-" + fundId.ToString(CultureInfo.InvariantCulture);
    public const string ListTag = "funds";

    public static void Configure(OutputCacheOptions o) =>
        o.AddPolicy(Policy, b => b.Expire(TimeSpan.FromMinutes(10)).Tag(ListTag).AddPolicy<PublicCache>());

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (context.HttpContext.Request.RouteValues["id"] is string id && int.TryParse(id, out var fund)) context.Tags.Add(Tag(fund));
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;
}

public sealed record PublicFundDto(int Id, string Name, string KindLabel, string UnitName, List<FundAccountDto> Accounts, long In, long Out, long HeadSeq, string HeadHash);

/// <summary>
/// The public ledger without sign-in: read-only, masked like the pages. JSON at /api/v1/public/…, CSV
/// downloads at /cong-khai/quy/{id}/dong-gop.csv and chi.csv (streamed, so a large fund does not fill memory).
/// </summary>
public static class PublicLedgerApi
{
    public const int ApiPageSize = 100;

    public static void MapPublicLedger(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/public").AllowAnonymous().WithTags("Công khai");
        api.MapGet("/funds", Funds).CacheOutput(PublicCache.Policy);
        api.MapGet("/funds/{id:int}/contributions", Contributions).CacheOutput(PublicCache.Policy);
        api.MapGet("/funds/{id:int}/disbursements", Disbursements).CacheOutput(PublicCache.Policy);
        app.MapGet("/cong-khai/quy/{id:int}/dong-gop.csv", ContributionsCsv).AllowAnonymous();
        app.MapGet("/cong-khai/quy/{id:int}/chi.csv", DisbursementsCsv).AllowAnonymous();
    }

    private static async Task<Ok<List<PublicFundDto>>> Funds(AppDb db)
    {
        var funds = await db.Funds.AsNoTracking().Where(f => f.Public).OrderBy(f => f.Id).ToListAsync();
        var sums = await FundQueries.InOutAsync(db, [.. funds.Select(f => f.Id)]);
        return TypedResults.Ok((await FundsApi.DtosAsync(db, funds)).Select(d => new PublicFundDto(d.Id, d.Name, d.KindLabel, d.UnitName, d.Accounts,
            sums.GetValueOrDefault(d.Id).In, sums.GetValueOrDefault(d.Id).Out, d.HeadSeq, d.HeadHash)).ToList());
    }

    private static Task<bool> PublicAsync(AppDb db, int id) => db.Funds.AnyAsync(f => f.Id == id && f.Public);

    private static async Task<Results<Ok<List<PublicLine>>, ProblemHttpResult>> Contributions(int id, string? q, long? amount, DateOnly? date, string? reference, int? appeal, int? page, AppDb db)
    {
        if (!await PublicAsync(db, id)) return TypedResults.Problem(statusCode: 404, title: "Không có quỹ công khai này.");
        var entries = await FundQueries.PageAsync(db, await FundQueries.PublicContributionsAsync(db, id, new PublicSearch(q, amount, date, reference, appeal)),
            (Math.Clamp(page ?? 1, 1, 100_000) - 1) * ApiPageSize, ApiPageSize);
        return TypedResults.Ok(await FundQueries.PublicLinesAsync(db, entries));
    }

    private static async Task<Results<Ok<List<PublicLine>>, ProblemHttpResult>> Disbursements(int id, int? appeal, int? page, AppDb db)
    {
        if (!await PublicAsync(db, id)) return TypedResults.Problem(statusCode: 404, title: "Không có quỹ công khai này.");
        var entries = await FundQueries.PageAsync(db, FundQueries.PublicDisbursements(db, id, appeal), (Math.Clamp(page ?? 1, 1, 100_000) - 1) * ApiPageSize, ApiPageSize);
        return TypedResults.Ok(await FundQueries.PublicLinesAsync(db, entries));
    }

    private static async Task ContributionsCsv(int id, string? q, long? amount, DateOnly? date, string? reference, int? appeal, AppDb db, HttpContext http) =>
        await CsvAsync(db, http, id, "dong-gop", await FundQueries.PublicContributionsAsync(db, id, new PublicSearch(q, amount, date, reference, appeal)),
            "Ngày;Người ủng hộ;Đơn vị nhận;Hình thức;Mã giao dịch;Tài khoản (3 số cuối);Ghi chú;Số tiền (đồng)",
            l => [l.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), l.Name, l.Unit, l.Channel, l.Reference, l.Account, l.Detail, l.Amount.ToString(CultureInfo.InvariantCulture)]);

    private static async Task DisbursementsCsv(int id, int? appeal, AppDb db, HttpContext http) =>
        await CsvAsync(db, http, id, "chi", FundQueries.PublicDisbursements(db, id, appeal),
            "Ngày;Người nhận;Đơn vị chi;Nội dung;Chi tiết;Số tiền (đồng)",
            l => [l.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), l.Name, l.Unit, l.Channel, l.Detail, l.Amount.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Semicolon-separated UTF-8 with a BOM (what Excel in Vietnamese opens correctly), masked, written 1,000 rows at a time.</summary>
    private static async Task CsvAsync(AppDb db, HttpContext http, int id, string name, IQueryable<MoneyEntry> query, string header, Func<PublicLine, string?[]> row)
    {
        if (!await PublicAsync(db, id)) { http.Response.StatusCode = 404; return; }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"quy-{id}-{name}.csv\"";
        await using var w = new StreamWriter(http.Response.Body, new UTF8Encoding(true), 1 << 16);
        await w.WriteLineAsync(header);
        var lastId = int.MaxValue;
        while (true)
        {
            // Keyset paging by id keeps every batch an index range, however large the fund.
            var batch = await query.Where(e => e.Id < lastId).OrderByDescending(e => e.Id).Take(1000).ToListAsync(http.RequestAborted);
            if (batch.Count == 0) break;
            foreach (var l in await FundQueries.PublicLinesAsync(db, batch))
                await w.WriteLineAsync(string.Join(';', row(l).Select(Cell)));
            lastId = batch[^1].Id;
            db.ChangeTracker.Clear();
        }
    }

    private static string Cell(string? s)
    {
        s ??= "";
        // A cell starting with = + - @ is a formula in a spreadsheet: prefixed so it stays text.
        if (s.Length > 0 && "=+-@".Contains(s[0], StringComparison.Ordinal) && !long.TryParse(s, out _)) s = "'" + s;
        return s.Contains(';', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
