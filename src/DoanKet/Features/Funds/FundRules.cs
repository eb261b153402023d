using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

public sealed record FundInput(int UnitId, FundKind Kind, string? Name, string? Description, bool Public, string? Bank, string? AccountNumber, string? AccountHolder);

public sealed record EntryInput(
    EntryKind Kind, int UnitId, DateOnly? Date, long? Amount, int? AppealId = null,
    Channel? Channel = null, DonorType? DonorType = null, string? DonorName = null, string? ReceiptNumber = null, string? Reference = null,
    string? DonorAccount = null, string? InKindDescription = null, int? Quantity = null, string? Earmark = null,
    int? ToUnitId = null,
    Purpose? Purpose = null, string? BeneficiaryName = null, int? BeneficiaryGroupId = null, BeneficiaryCategory? Category = null,
    int? Households = null, int? People = null, int? Gifts = null, int? Houses = null, string? Note = null);

public sealed record AppealInput(string? Name, DateOnly? StartDate, DateOnly? EndDate, long? Target, string? Note);

/// <summary>Who may see which fund, and the checks every money entry passes before it reaches the ledger.</summary>
public static class FundRules
{
    public const string NoFund = "Không tìm thấy quỹ, hoặc bạn không có quyền xem.";

    /// <summary>
    /// A fund is readable when its unit is in the account's scope, or when it is a fund of a unit above the
    /// account's (a province appeal): the account then sees only its own subtree's part of it.
    /// </summary>
    public static async Task<(Fund? Fund, Unit? FundUnit)> ReadableAsync(AppDb db, UnitScope scope, int id)
    {
        var home = await scope.HomeAsync();
        var fund = await db.Funds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id);
        if (fund is null || home is null) return (null, null);
        var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == fund.UnitId);
        var visible = UnitScope.Covers(unit, home) || await scope.CanReadAsync(unit.Id);
        return visible ? (fund, unit) : (null, null);
    }

    /// <summary>The funds an account sees: of its subtree, and of the units above it.</summary>
    public static async Task<IQueryable<Fund>> VisibleAsync(AppDb db, UnitScope scope)
    {
        var home = await scope.HomeAsync();
        if (home is null) return db.Funds.Where(_ => false);
        var readable = await scope.ReadableAsync(db.Units.IgnoreQueryFilters());
        var above = home.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        return db.Funds.Where(f => above.Contains(f.UnitId) || readable.Any(u => u.Id == f.UnitId));
    }

    /// <summary>The unit whose part of the fund is shown: the one asked for if readable and inside the fund's tree, else the nearest sensible default.</summary>
    public static async Task<Unit?> ViewUnitAsync(AppDb db, UnitScope scope, Unit fundUnit, int? asked)
    {
        if (asked is int id)
        {
            var u = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            return u is not null && UnitScope.Covers(fundUnit, u) && await scope.CanReadAsync(u.Id) ? u : null;
        }
        if (await scope.CanReadAsync(fundUnit.Id)) return fundUnit;
        var home = await scope.HomeAsync();
        return home is not null && UnitScope.Covers(fundUnit, home) ? home : null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static Dictionary<string, string[]> ValidateFund(FundInput input)
    {
        var e = new Dictionary<string, string[]>();
        if (Clean(input.Name) is not { } name) RecordRules.Add(e, "Name", "Nhập tên quỹ.");
        else if (name.Length > 200) RecordRules.Add(e, "Name", "Tên quỹ tối đa 200 ký tự.");
        if (!Enum.IsDefined(input.Kind)) RecordRules.Add(e, "Kind", "Chọn loại quỹ.");
        if (input.Description?.Length > 2000) RecordRules.Add(e, "Description", "Mô tả tối đa 2.000 ký tự.");
        var any = Clean(input.Bank) is not null || Clean(input.AccountNumber) is not null || Clean(input.AccountHolder) is not null;
        if (any)
        {
            if (Clean(input.Bank) is null) RecordRules.Add(e, "Bank", "Nhập tên ngân hàng của tài khoản.");
            if (Clean(input.AccountNumber) is not { } n || n.Length is < 6 or > 30 || !n.All(char.IsAsciiDigit))
                RecordRules.Add(e, "AccountNumber", "Số tài khoản gồm 6–30 chữ số.");
            if (Clean(input.AccountHolder) is null) RecordRules.Add(e, "AccountHolder", "Nhập tên chủ tài khoản.");
        }
        return e;
    }

    public static Dictionary<string, string[]> ValidateAppeal(AppealInput input)
    {
        var e = new Dictionary<string, string[]>();
        if (Clean(input.Name) is not { } name) RecordRules.Add(e, "Name", "Nhập tên đợt vận động.");
        else if (name.Length > 300) RecordRules.Add(e, "Name", "Tên tối đa 300 ký tự.");
        if (input.StartDate is null) RecordRules.Add(e, "StartDate", "Nhập ngày bắt đầu.");
        if (input.EndDate is { } end && input.StartDate is { } start && end < start) RecordRules.Add(e, "EndDate", "Ngày kết thúc phải sau ngày bắt đầu.");
        if (input.Target is <= 0 or > RecordRules.MaxMoney) RecordRules.Add(e, "Target", "Chỉ tiêu là số tiền dương (đồng).");
        if (input.Note?.Length > 2000) RecordRules.Add(e, "Note", "Ghi chú tối đa 2.000 ký tự.");
        return e;
    }

    /// <summary>
    /// Checks an entry against its fund and builds it. The unit must already be known writable
    /// (<see cref="RecordRules.WritableUnitAsync"/>); here: inside the fund's tree, the right fields for its kind.
    /// </summary>
    public static async Task<(Dictionary<string, string[]> Errors, MoneyEntry? Entry)> ValidateEntryAsync(AppDb db, Fund fund, Unit fundUnit, Unit unit, EntryInput input, string by)
    {
        var e = new Dictionary<string, string[]>();
        void Err(string f, string m) => RecordRules.Add(e, f, m);
        if (!UnitScope.Covers(fundUnit, unit)) Err("UnitId", $"Đơn vị phải là {fundUnit.FullName} hoặc đơn vị trực thuộc (tiền của quỹ chỉ nằm trong phạm vi này).");
        if (input.Amount is not { } amount || amount <= 0) Err("Amount", "Nhập số tiền (đồng), lớn hơn 0.");
        else if (amount > RecordRules.MaxMoney) Err("Amount", "Số tiền quá lớn, kiểm tra lại.");
        var today = db.Clock.Today;
        if (input.Date is not { } date) Err("Date", "Nhập ngày.");
        else if (date > today) Err("Date", "Ngày không được sau hôm nay.");
        else if (date.Year < 2000) Err("Date", "Ngày quá xa, kiểm tra lại.");
        Appeal? appeal = null;
        if (input.AppealId is int aid)
        {
            appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid && a.FundId == fund.Id);
            if (appeal is null) Err("AppealId", "Đợt vận động không thuộc quỹ này.");
            else if (input.Date is { } d && (d < appeal.StartDate || appeal.EndDate is { } end && d > end))
                Err("Date", $"Ngày nằm ngoài đợt vận động ({Fmt.Date(appeal.StartDate)} – {Fmt.Date(appeal.EndDate)}).");
        }
        foreach (var (field, text, max) in new[]
        {
            ("DonorName", input.DonorName, 300), ("ReceiptNumber", input.ReceiptNumber, 50), ("Reference", input.Reference, 100),
            ("InKindDescription", input.InKindDescription, 300), ("Earmark", input.Earmark, 300), ("BeneficiaryName", input.BeneficiaryName, 300), ("Note", input.Note, 2000),
        })
            if (text?.Trim().Length > max) Err(field, $"Tối đa {max} ký tự.");
        foreach (var (field, n) in new[] { ("Quantity", input.Quantity), ("Households", input.Households), ("People", input.People), ("Gifts", input.Gifts), ("Houses", input.Houses) })
            if (n is < 0 or > RecordRules.MaxCount) Err(field, "Số lượng không hợp lệ.");

        var entry = new MoneyEntry
        {
            Kind = input.Kind, UnitId = unit.Id, Date = input.Date ?? default, Amount = input.Amount ?? 0, AppealId = appeal?.Id,
            Note = Clean(input.Note), CreatedBy = by,
        };
        switch (input.Kind)
        {
            case EntryKind.Contribution:
                if (input.Channel is not { } channel || !Enum.IsDefined(channel)) { Err("Channel", "Chọn hình thức: tiền mặt, chuyển khoản hay hiện vật."); break; }
                var donorType = input.DonorType ?? DonorType.Individual;
                if (!Enum.IsDefined(donorType)) Err("DonorType", "Chọn loại người ủng hộ.");
                var donor = donorType == DonorType.Anonymous ? Clean(input.DonorName) ?? MoneyEntry.AnonymousName : Clean(input.DonorName);
                if (donor is null) Err("DonorName", "Nhập tên cá nhân, tổ chức ủng hộ (hoặc chọn “giấu tên”).");
                if (channel == Channel.Cash && Clean(input.ReceiptNumber) is null) Err("ReceiptNumber", "Tiền mặt cần số biên nhận (phiếu thu).");
                if (channel == Channel.Transfer && Clean(input.Reference) is null) Err("Reference", "Chuyển khoản cần mã giao dịch (số tham chiếu) trên sao kê.");
                if (channel == Channel.InKind && Clean(input.InKindDescription) is null) Err("InKindDescription", "Hiện vật cần mô tả (loại hàng, quy cách).");
                if (Clean(input.DonorAccount) is { } acc && (acc.Length is < 6 or > 30 || !acc.All(char.IsAsciiDigit))) Err("DonorAccount", "Số tài khoản gồm 6–30 chữ số.");
                (entry.Channel, entry.DonorType, entry.DonorName) = (channel, donorType, donor);
                (entry.ReceiptNumber, entry.Reference, entry.DonorAccount) = (Clean(input.ReceiptNumber), Clean(input.Reference), Clean(input.DonorAccount));
                (entry.InKindDescription, entry.Quantity, entry.Earmark) = (channel == Channel.InKind ? Clean(input.InKindDescription) : null, channel == Channel.InKind ? input.Quantity : null, Clean(input.Earmark));
                break;
            case EntryKind.Allocation:
                var to = input.ToUnitId is int tid ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == tid) : null;
                if (to is null || to.Id == unit.Id || !UnitScope.Covers(unit, to)) Err("ToUnitId", $"Chọn đơn vị cấp dưới của {unit.FullName} nhận phân bổ.");
                else if (to.ValidTo is not null) Err("ToUnitId", RecordRules.EndedUnit);
                entry.ToUnitId = to?.Id;
                break;
            case EntryKind.Disbursement:
                if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose)) { Err("Purpose", "Chọn nội dung chi: hỗ trợ khó khăn, tặng quà, xây sửa nhà, sinh kế."); break; }
                var name = Clean(input.BeneficiaryName);
                var (households, people, gifts, houses) = (input.Households ?? 0, input.People ?? 0, input.Gifts ?? 0, input.Houses ?? 0);
                // One named household by default; a list (many households, gifts or people) may go without a name.
                if (name is not null && households == 0 && people == 0) households = 1;
                if (purpose == Purpose.House && houses == 0) houses = 1;
                if (purpose == Purpose.Gift && gifts == 0) Err("Gifts", "Nhập số phần quà.");
                if (name is null && households <= 1 && people <= 1 && gifts <= 1) Err("BeneficiaryName", "Nhập họ tên chủ hộ, người được hỗ trợ (hoặc số hộ, số người của danh sách).");
                if (input.BeneficiaryGroupId is int gid)
                {
                    var group = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == gid);
                    if (group is null || group.Level != UnitLevel.ResidentialGroup || !UnitScope.Covers(unit, group) && !UnitScope.Covers(group, unit))
                        Err("BeneficiaryGroupId", $"Chọn tổ dân phố, thôn thuộc {unit.FullName}.");
                }
                var category = input.Category ?? BeneficiaryCategory.Other;
                if (!Enum.IsDefined(category)) Err("Category", "Chọn diện hỗ trợ.");
                (entry.Purpose, entry.BeneficiaryName, entry.BeneficiaryGroupId, entry.Category) = (purpose, name, input.BeneficiaryGroupId, category);
                (entry.Households, entry.People, entry.Gifts, entry.Houses) = (households, people, gifts, houses);
                break;
            default:
                Err("Kind", "Loại bút toán không hợp lệ.");
                break;
        }
        return (e, e.Count == 0 ? entry : null);
    }

    public static async Task<Fund> CreateFundAsync(AppDb db, Unit unit, FundInput input)
    {
        var fund = new Fund { UnitId = unit.Id, Kind = input.Kind, Name = input.Name!.Trim(), Description = Clean(input.Description), Public = input.Public, CreatedAt = db.Clock.UtcNow };
        db.Funds.Add(fund);
        if (Clean(input.AccountNumber) is { } number)
            db.FundAccounts.Add(new FundAccount { Fund = fund, Bank = input.Bank!.Trim(), Number = number, Holder = input.AccountHolder!.Trim() });
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        await Portal.SearchIndex.FundAsync(db, fund); // needs the fund's id
        await db.SaveChangesAsync();
        if (tx is not null) await tx.CommitAsync();
        return fund;
    }

    /// <summary>Changes a fund's name, description and public flag, and adds an official account when one is given (audited).</summary>
    public static async Task UpdateFundAsync(AppDb db, Fund fund, FundInput input)
    {
        var tracked = await db.Funds.FirstAsync(f => f.Id == fund.Id);
        (tracked.Name, tracked.Description, tracked.Public) = (input.Name!.Trim(), Clean(input.Description), input.Public);
        if (Clean(input.AccountNumber) is { } number)
            db.FundAccounts.Add(new FundAccount { FundId = fund.Id, Bank = input.Bank!.Trim(), Number = number, Holder = input.AccountHolder!.Trim() });
        await Portal.SearchIndex.FundAsync(db, tracked);
        await db.SaveChangesAsync();
    }

    public static async Task<Appeal> CreateAppealAsync(AppDb db, Fund fund, AppealInput input)
    {
        var appeal = new Appeal { FundId = fund.Id, Name = input.Name!.Trim(), StartDate = input.StartDate!.Value, EndDate = input.EndDate, Note = Clean(input.Note) };
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync();
        if (input.Target is { } t)
        {
            db.AppealTargets.Add(new AppealTarget { AppealId = appeal.Id, UnitId = fund.UnitId, Amount = t });
            await db.SaveChangesAsync();
        }
        return appeal;
    }

    /// <summary>
    /// Sets targets down the tree: a unit's target is set by whoever writes for the unit above it (the fund's
    /// own unit by whoever writes for it). Null when a target is outside what the account may set; amount 0 removes one.
    /// </summary>
    public static async Task<Dictionary<string, string[]>?> SetTargetsAsync(AppDb db, UnitScope scope, Appeal appeal, Unit fundUnit, IReadOnlyList<TargetInput> input)
    {
        var e = new Dictionary<string, string[]>();
        var ids = input.Select(t => t.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var parentIds = units.Values.Where(u => u.ParentId != null).Select(u => u.ParentId!.Value).Distinct().ToList();
        var parents = await db.Units.AsNoTracking().Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        for (var i = 0; i < input.Count; i++)
        {
            var t = input[i];
            if (!units.TryGetValue(t.UnitId, out var u) || !UnitScope.Covers(fundUnit, u) || !await scope.CanReadAsync(u.Id)) return null;
            var setter = u.Id == fundUnit.Id ? u : u.ParentId is int pid && parents.TryGetValue(pid, out var p) ? p : null;
            if (setter is null || !await scope.CanWriteAsync(setter) || setter.ValidTo is not null) return null;
            if (t.Amount is < 0 or > RecordRules.MaxMoney) RecordRules.Add(e, $"[{i}].Amount", "Chỉ tiêu là số tiền không âm (đồng).");
        }
        if (e.Count > 0) return e;
        foreach (var t in input)
        {
            var row = await db.AppealTargets.FirstOrDefaultAsync(x => x.AppealId == appeal.Id && x.UnitId == t.UnitId);
            if (t.Amount == 0) { if (row is not null) db.AppealTargets.Remove(row); }
            else if (row is null) db.AppealTargets.Add(new AppealTarget { AppealId = appeal.Id, UnitId = t.UnitId, Amount = t.Amount });
            else row.Amount = t.Amount;
        }
        await db.SaveChangesAsync();
        return e;
    }

    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, as the public pages show beneficiaries.</summary>
    public static string ShortName(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return "";
        return parts.Length == 1 ? parts[0][..1] + "." : parts[0] + " " + string.Join(' ', parts[1..].Select(p => char.ToUpper(p[0], Web.Vietnamese) + "."));
    }

    /// <summary>"0123456789" → "*******789": only the last three digits of a donor's account are ever shown in public.</summary>
    public static string MaskAccount(string? number) =>
        string.IsNullOrEmpty(number) ? "" : number.Length <= 3 ? new string('*', number.Length) : new string('*', number.Length - 3) + number[^3..];
}
