using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

public sealed record FundAccountDto(string Bank, string Number, string Holder);
public sealed record FundDto(int Id, int UnitId, string UnitName, FundKind Kind, string KindLabel, string Name, string? Description, bool Public,
    List<FundAccountDto> Accounts, long HeadSeq, string HeadHash);
public sealed record AppealRowDto(int UnitId, string UnitName, long? Target, long Raised, string Progress);
public sealed record AppealDto(int Id, string Name, DateOnly StartDate, DateOnly? EndDate, string? Note, AppealRowDto Total, List<AppealRowDto> Children);
public sealed record EntryDto(int Id, int FundId, long Seq, EntryKind Kind, int UnitId, int? ToUnitId, int? AppealId, DateOnly Date, long Amount,
    Channel? Channel, DonorType? DonorType, string? DonorName, string? ReceiptNumber, string? Reference, string? DonorAccount,
    string? InKindDescription, int? Quantity, string? Earmark, Purpose? Purpose, string? BeneficiaryName, int? BeneficiaryGroupId,
    BeneficiaryCategory? Category, int Households, int People, int Gifts, int Houses, string? Note, int? ReversesId, string? Reason,
    DateTime CreatedAt, string CreatedBy, string Hash)
{
    /// <summary>Beneficiaries' names and donors' accounts go only to those who write the fund's records; readers get them masked.</summary>
    public static EntryDto From(MoneyEntry e, bool personal) => new(e.Id, e.FundId, e.Seq, e.Kind, e.UnitId, e.ToUnitId, e.AppealId, e.Date, e.Amount,
        e.Channel, e.DonorType, e.DonorName, e.ReceiptNumber, e.Reference, personal ? e.DonorAccount : FundRules.MaskAccount(e.DonorAccount),
        e.InKindDescription, e.Quantity, e.Earmark, e.Purpose, personal ? e.BeneficiaryName : FundRules.ShortName(e.BeneficiaryName), e.BeneficiaryGroupId,
        e.Category, e.Households, e.People, e.Gifts, e.Houses, e.Note, e.ReversesId, e.Reason, e.CreatedAt, e.CreatedBy, e.Hash);
}
public sealed record ReverseInput(string? Reason);
public sealed record MatchInput(int? Seq);
public sealed record BankLineDto(int Id, int StatementId, DateOnly Date, long Amount, string? Reference, string? Description, string? CounterpartyName,
    string? CounterpartyAccount, int? EntryId, bool MatchedByHand);
public sealed record TargetInput(int UnitId, long Amount);

/// <summary>API for funds, appeals and the ledger (/api/v1/funds…), scoped like the pages; the public part is in <see cref="PublicLedgerApi"/>.</summary>
public static class FundsApi
{
    public static RouteGroupBuilder MapFunds(this RouteGroupBuilder api)
    {
        api.MapGet("/funds", List);
        api.MapPost("/funds", Create);
        api.MapGet("/funds/{id:int}", Get);
        api.MapPut("/funds/{id:int}", Update);
        api.MapGet("/funds/{id:int}/balances", Balances);
        api.MapGet("/funds/{id:int}/appeals", Appeals);
        api.MapPost("/funds/{id:int}/appeals", CreateAppeal);
        api.MapPut("/appeals/{id:int}/targets", SetTargets);
        api.MapGet("/funds/{id:int}/entries", Entries);
        api.MapPost("/funds/{id:int}/entries", CreateEntry);
        api.MapGet("/money-entries/{id:int}", GetEntry);
        api.MapPost("/money-entries/{id:int}/reverse", Reverse);
        // Bearer tokens only (no cookies on /api), so a form upload needs no antiforgery token here.
        api.MapPost("/funds/{id:int}/bank-statements", ImportStatement).DisableAntiforgery();
        api.MapGet("/funds/{id:int}/bank-lines", BankLines);
        api.MapPost("/bank-lines/{id:int}/match", MatchLine);
        api.MapPost("/bank-lines/{id:int}/record", RecordLine);
        return api;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: 404, title: FundRules.NoFund);
    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");

    /// <summary>DTOs of many funds with two queries (unit names, accounts), not two per fund.</summary>
    internal static async Task<List<FundDto>> DtosAsync(AppDb db, IReadOnlyList<Fund> funds)
    {
        var names = await RecordRules.UnitNamesAsync(db, funds.Select(f => f.UnitId));
        var ids = funds.Select(f => f.Id).ToList();
        var accounts = (await db.FundAccounts.AsNoTracking().Where(a => ids.Contains(a.FundId)).OrderBy(a => a.Id).ToListAsync()).ToLookup(a => a.FundId);
        return [.. funds.Select(f => new FundDto(f.Id, f.UnitId, names.GetValueOrDefault(f.UnitId, "?"), f.Kind, Fund.KindLabel(f.Kind), f.Name, f.Description, f.Public,
            [.. accounts[f.Id].Select(a => new FundAccountDto(a.Bank, a.Number, a.Holder))], f.HeadSeq, f.HeadHash))];
    }

    private static async Task<FundDto> DtoAsync(AppDb db, Fund f) => (await DtosAsync(db, [f]))[0];

    private static async Task<Ok<List<FundDto>>> List(AppDb db, UnitScope scope) =>
        TypedResults.Ok(await DtosAsync(db, await (await FundRules.VisibleAsync(db, scope)).AsNoTracking().OrderBy(f => f.Id).ToListAsync()));

    private static async Task<Results<Ok<FundDto>, ProblemHttpResult>> Get(int id, AppDb db, UnitScope scope) =>
        await FundRules.ReadableAsync(db, scope, id) is ({ } f, _) ? TypedResults.Ok(await DtoAsync(db, f)) : NotFound();

    private static async Task<Results<Created<FundDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Create(FundInput input, AppDb db, UnitScope scope)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is { Status: 403 }) return TypedResults.Forbid();
        if (fail is not null) return Invalid(fail.Errors!);
        var errors = FundRules.ValidateFund(input);
        if (errors.Count > 0) return Invalid(errors);
        var fund = await FundRules.CreateFundAsync(db, unit!, input);
        return TypedResults.Created($"/api/v1/funds/{fund.Id}", await DtoAsync(db, fund));
    }

    /// <summary>Name, description, public flag; an account in the body is added to the official ones (the unit is not changed).</summary>
    private static async Task<Results<Ok<FundDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Update(int id, FundInput input, AppDb db, UnitScope scope)
    {
        var (fund, unit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        if (!await scope.CanWriteAsync(unit!) || unit!.ValidTo is not null) return TypedResults.Forbid();
        var errors = FundRules.ValidateFund(input with { Kind = fund.Kind });
        if (errors.Count > 0) return Invalid(errors);
        await FundRules.UpdateFundAsync(db, fund, input);
        return TypedResults.Ok(await DtoAsync(db, (await db.Funds.AsNoTracking().FirstAsync(f => f.Id == id))));
    }

    /// <summary>The fund and the unit whose part is asked for (default: the fund's unit, or the account's own inside it).</summary>
    private static async Task<(Fund? Fund, Unit? FundUnit, Unit? View)> ViewAsync(int id, int? unit, AppDb db, UnitScope scope)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return (null, null, null);
        return (fund, fundUnit, await FundRules.ViewUnitAsync(db, scope, fundUnit!, unit));
    }

    private static async Task<Results<Ok<List<Balance>>, ValidationProblem, ProblemHttpResult>> Balances(int id, int? unit, string? period, AppDb db, UnitScope scope, FundLedger ledger)
    {
        var (fund, _, view) = await ViewAsync(id, unit, db, scope);
        if (fund is null || view is null) return NotFound();
        if (!TryPeriod(period, db.Clock.Today, out var p)) return Invalid(new() { ["period"] = ["Kỳ không hợp lệ: dùng 2025, 2025Q3, 2025S1, 202507 hoặc 2025-01-01..2025-03-31."] });
        return TypedResults.Ok(await ledger.BalancesAsync(fund.Id, view, p.From, p.To));
    }

    internal static bool TryPeriod(string? period, DateOnly today, out Period p)
    {
        if (string.IsNullOrWhiteSpace(period)) { p = Period.Year(today.Year); return true; }
        return Period.TryParse(period.Trim(), out p);
    }

    private static async Task<Results<Ok<List<AppealDto>>, ProblemHttpResult>> Appeals(int id, int? unit, AppDb db, UnitScope scope)
    {
        var (fund, _, view) = await ViewAsync(id, unit, db, scope);
        if (fund is null || view is null) return NotFound();
        static AppealRowDto Row(AppealRow r) => new(r.UnitId, r.UnitName, r.Target, r.Raised, r.Progress);
        return TypedResults.Ok((await FundQueries.AppealsAsync(db, fund.Id, view))
            .Select(a => new AppealDto(a.Appeal.Id, a.Appeal.Name, a.Appeal.StartDate, a.Appeal.EndDate, a.Appeal.Note, Row(a.Total), [.. a.Children.Select(Row)])).ToList());
    }

    private static async Task<Results<Created<AppealDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateAppeal(int id, AppealInput input, AppDb db, UnitScope scope)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        if (!await scope.CanWriteAsync(fundUnit!) || fundUnit!.ValidTo is not null) return TypedResults.Forbid();
        var errors = FundRules.ValidateAppeal(input);
        if (errors.Count > 0) return Invalid(errors);
        var appeal = await FundRules.CreateAppealAsync(db, fund, input);
        var row = new AppealRowDto(fund.UnitId, fundUnit.FullName, input.Target, 0, "");
        return TypedResults.Created($"/api/v1/funds/{fund.Id}/appeals", new AppealDto(appeal.Id, appeal.Name, appeal.StartDate, appeal.EndDate, appeal.Note, row, []));
    }

    /// <summary>Targets for the units directly below one the account writes for (the cascade: each level sets its children's).</summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> SetTargets(int id, List<TargetInput> input, AppDb db, UnitScope scope)
    {
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (appeal is null || await FundRules.ReadableAsync(db, scope, appeal.FundId) is not (_, { } fundUnit)) return NotFound();
        var errors = await FundRules.SetTargetsAsync(db, scope, appeal, fundUnit, input);
        if (errors is null) return TypedResults.Forbid();
        return errors.Count > 0 ? Invalid(errors) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PageDto<EntryDto>>, ValidationProblem, ProblemHttpResult>> Entries(int id, int? unit, string? period, int? page, int? pageSize, AppDb db, UnitScope scope)
    {
        var (fund, _, view) = await ViewAsync(id, unit, db, scope);
        if (fund is null || view is null) return NotFound();
        if (!TryPeriod(period, db.Clock.Today, out var p)) return Invalid(new() { ["period"] = ["Kỳ không hợp lệ."] });
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var n = Math.Max(1, page ?? 1);
        var q = db.MoneyEntries.AsNoTracking().Where(e => e.FundId == fund.Id && e.Date >= p.From && e.Date <= p.To).Under(db, view);
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(e => e.Seq).Skip((n - 1) * size).Take(size).ToListAsync();
        var personal = await scope.CanWriteAsync(view);
        return TypedResults.Ok(new PageDto<EntryDto>([.. items.Select(e => EntryDto.From(e, personal))], total, n, size));
    }

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateEntry(int id, EntryInput input, AppDb db, UnitScope scope, FundLedger ledger)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is { Status: 403 }) return TypedResults.Forbid();
        if (fail is not null) return Invalid(fail.Errors!);
        var (errors, entry) = await FundRules.ValidateEntryAsync(db, fund, fundUnit!, unit!, input, scope.User.Identity?.Name ?? "?");
        if (entry is null) return Invalid(errors);
        await ledger.AppendAsync(fund.Id, [entry]);
        return TypedResults.Created($"/api/v1/money-entries/{entry.Id}", EntryDto.From(entry, true));
    }

    /// <summary>An entry the account may read: its fund is readable and the entry lies in the account's scope.</summary>
    internal static async Task<(MoneyEntry? Entry, Unit? Unit)> ReadableEntryAsync(AppDb db, UnitScope scope, int id)
    {
        var entry = await db.MoneyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
        if (entry is null || !await scope.CanReadAsync(entry.UnitId) || await FundRules.ReadableAsync(db, scope, entry.FundId) is not ({ }, _)) return (null, null);
        return (entry, await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == entry.UnitId));
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetEntry(int id, AppDb db, UnitScope scope) =>
        await ReadableEntryAsync(db, scope, id) is ({ } e, { } u) ? TypedResults.Ok(EntryDto.From(e, await scope.CanWriteAsync(u))) : NotFound();

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Reverse(int id, ReverseInput input, AppDb db, UnitScope scope, FundLedger ledger)
    {
        var (entry, unit) = await ReadableEntryAsync(db, scope, id);
        if (entry is null) return NotFound();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        var (reversal, error) = await ledger.ReverseAsync(entry, input.Reason, scope.User.Identity?.Name ?? "?", db.Clock.Today);
        return reversal is null ? Invalid(new() { ["Reason"] = [error!] }) : TypedResults.Created($"/api/v1/money-entries/{reversal.Id}", EntryDto.From(reversal, true));
    }

    /// <summary>The fund, when the account keeps its books (statements hold donors' full account numbers).</summary>
    private static async Task<(Fund? Fund, bool Allowed)> BooksAsync(int id, AppDb db, UnitScope scope)
    {
        var (fund, unit) = await FundRules.ReadableAsync(db, scope, id);
        return fund is null ? (null, false) : (fund, await scope.CanWriteAsync(unit!) && unit!.ValidTo is null);
    }

    /// <summary>multipart/form-data with "file" and "layout" (chung or ngan-hang); the form is read by hand so that a wrong content type is a 400, not an unrouted request.</summary>
    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ImportStatement(int id, HttpRequest request,
        AppDb db, UnitScope scope, BankStatements statements)
    {
        var (fund, allowed) = await BooksAsync(id, db, scope);
        if (fund is null) return NotFound();
        if (!allowed) return TypedResults.Forbid();
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var file = form?.Files["file"];
        var layout = form?["layout"].ToString();
        if (file is null || file.Length == 0) return Invalid(new() { ["file"] = ["Gửi tệp sao kê (CSV hoặc XLSX) trong trường file."] });
        if (file.Length > BankStatements.MaxBytes) return Invalid(new() { ["file"] = ["Tệp lớn hơn 20 MB."] });
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        var result = await statements.ImportAsync(fund, file.FileName, ms.ToArray(), string.IsNullOrEmpty(layout) ? "chung" : layout, scope.User.Identity?.Name ?? "?");
        return result.Errors.Count > 0 ? Invalid(new() { ["file"] = [.. result.Errors] }) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<PageDto<BankLineDto>>, ProblemHttpResult, ForbidHttpResult>> BankLines(int id, bool? unmatched, int? page, AppDb db, UnitScope scope)
    {
        var (fund, allowed) = await BooksAsync(id, db, scope);
        if (fund is null) return NotFound();
        if (!allowed) return TypedResults.Forbid();
        var q = db.BankLines.AsNoTracking().Where(l => l.FundId == id && (unmatched != true || l.EntryId == null));
        var n = Math.Max(1, page ?? 1);
        var items = await q.OrderBy(l => l.Date).ThenBy(l => l.Id).Skip((n - 1) * 200).Take(200)
            .Select(l => new BankLineDto(l.Id, l.StatementId, l.Date, l.Amount, l.Reference, l.Description, l.CounterpartyName, l.CounterpartyAccount, l.EntryId, l.MatchedByHand)).ToListAsync();
        return TypedResults.Ok(new PageDto<BankLineDto>(items, await q.CountAsync(), n, 200));
    }

    private static async Task<(BankLine? Line, Fund? Fund, bool Allowed)> LineAsync(int id, AppDb db, UnitScope scope)
    {
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == id);
        if (line is null) return (null, null, false);
        var (fund, allowed) = await BooksAsync(line.FundId, db, scope);
        return fund is null ? (null, null, false) : (line, fund, allowed);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> MatchLine(int id, MatchInput input, AppDb db, UnitScope scope, BankStatements statements)
    {
        var (line, _, allowed) = await LineAsync(id, db, scope);
        if (line is null) return NotFound();
        if (!allowed) return TypedResults.Forbid();
        var error = input.Seq is int s ? await statements.MatchAsync(line, s) : "Nhập số bút toán (Seq) của khoản thu.";
        return error is null ? TypedResults.NoContent() : Invalid(new() { ["Seq"] = [error] });
    }

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordLine(int id, AppDb db, UnitScope scope, BankStatements statements)
    {
        var (line, fund, allowed) = await LineAsync(id, db, scope);
        if (line is null) return NotFound();
        if (!allowed) return TypedResults.Forbid();
        var (entry, error) = await statements.RecordAsync(line, fund!, scope.User.Identity?.Name ?? "?");
        return entry is null ? Invalid(new() { [""] = [error!] }) : TypedResults.Created($"/api/v1/money-entries/{entry.Id}", EntryDto.From(entry, true));
    }
}
