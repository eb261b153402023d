using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Funds;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the fund pages and API (Features/Funds); the public pages are in PublicKeys.
public sealed partial class AccessMatrixTests
{
    static partial void FundProbes(Sides s, bool admin, List<Probe> p);

    static partial void FundProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, object? json = null, IReadOnlyDictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, json, form, must));
        }
        int Id(string key) => s.Ids[key];
        var (aFund, bFund, bOldFund) = (Id("A.fund"), Id("B.fund"), Id("BOld.fund"));
        var (aEntry, bEntry, bOldEntry) = (Id("A.entry"), Id("B.entry"), Id("BOld.entry"));
        var today = D(TestClock.Today);
        int[] bUnits = [s.Kt, s.BQuarter, s.P2Old];

        // ---- Pages
        Add("GET /quy", "/quy", Expect.Positive, must: Sides.AFund);
        Add("GET /quy/{id:int}", $"/quy/{aFund}", Expect.Positive, must: Sides.ADonor);
        Add("GET /quy/{id:int}", $"/quy/{aFund}?unit={s.Kt}", Expect.Hidden);
        Add("GET /quy/{id:int}", $"/quy/{aFund}?period=sai&q=kien%20tuong", Expect.NoLeak);
        foreach (var f in new[] { bFund, bOldFund })
        {
            Add("GET /quy/{id:int}", $"/quy/{f}", Expect.Hidden);
            Add("GET /quy/{id:int}/ghi", $"/quy/{f}/ghi?loai=thu", Expect.Hidden);
            Add("POST /quy/{id:int}?handler=Appeal", $"/quy/{f}?handler=Appeal", Expect.Refused,
                form: new Dictionary<string, string> { ["NewAppeal.Name"] = "Đợt thử", ["NewAppeal.StartDate"] = today });
            Add("POST /quy/{id:int}?handler=Targets", $"/quy/{f}?handler=Targets&appealId={Id("B.appeal")}", Expect.Refused,
                form: new Dictionary<string, string> { [$"target-{s.BQuarter}"] = "1000000" });
            Add("POST /quy/{id:int}/ghi", $"/quy/{f}/ghi#A's unit into B's fund", Expect.Refused, form: Contribution(s.BoDe));
            Add("POST /quy/{id:int}?handler=Edit", $"/quy/{f}?handler=Edit", Expect.Refused, form: new Dictionary<string, string> { ["Edit.Name"] = "Quỹ đổi tên", ["Edit.Public"] = "true" });
            Add("PUT /api/v1/funds/{id:int}", $"/api/v1/funds/{f}", Expect.Refused, json: new { UnitId = s.BoDe, Kind = "Relief", Name = "Quỹ đổi tên", Public = true });
        }
        Add("POST /quy/{id:int}?handler=Targets", $"/quy/{aFund}?handler=Targets&appealId={Id("B.appeal")}#B's appeal through A's fund", Expect.Refused,
            form: new Dictionary<string, string> { [$"target-{s.AGroup}"] = "1000000" });
        Add("POST /quy/{id:int}?handler=Edit", $"/quy/{aFund}?handler=Edit#bad account", Expect.Refused,
            form: new Dictionary<string, string> { ["Edit.Name"] = "Quỹ đổi tên", ["Edit.AccountNumber"] = "12ab" });
        Add("PUT /api/v1/funds/{id:int}", $"/api/v1/funds/{aFund}#empty name", Expect.Refused, json: new { UnitId = s.BoDe, Kind = "Relief", Name = "", Public = true });
        Add("POST /quy", "/quy#invalid", Expect.Refused, form: new Dictionary<string, string> { ["Input.UnitId"] = I(s.BoDe), ["Input.Name"] = "" });
        foreach (var u in bUnits)
        {
            Add("POST /quy", $"/quy#unit {u}", Expect.Refused, form: new Dictionary<string, string> { ["Input.UnitId"] = I(u), ["Input.Kind"] = "Relief", ["Input.Name"] = "Quỹ thử" });
            Add("POST /quy/{id:int}/ghi", $"/quy/{aFund}/ghi#B's unit {u}", Expect.Refused, form: Contribution(u));
        }
        Add("GET /quy/{id:int}/ghi", $"/quy/{aFund}/ghi?loai=chi", Expect.Positive, must: "Ghi chi hỗ trợ");
        Add("POST /quy/{id:int}/ghi", $"/quy/{aFund}/ghi#allocation to B", Expect.Refused, form: new Dictionary<string, string>
        {
            ["Input.Kind"] = "Allocation", ["Input.UnitId"] = I(s.BoDe), ["Input.Date"] = today, ["Input.Amount"] = "1000", ["Input.ToUnitId"] = I(s.Kt),
        });
        Add("POST /quy/{id:int}/ghi", $"/quy/{aFund}/ghi#beneficiary in B's quarter", Expect.Refused, form: new Dictionary<string, string>
        {
            ["Input.Kind"] = "Disbursement", ["Input.UnitId"] = I(s.BoDe), ["Input.Date"] = today, ["Input.Amount"] = "1000", ["Input.Purpose"] = "Support",
            ["Input.BeneficiaryName"] = "Người thử", ["Input.BeneficiaryGroupId"] = I(s.BQuarter),
        });
        Add("GET /quy/but-toan/{id:int}", $"/quy/but-toan/{aEntry}", Expect.Positive, must: Sides.ADonor);
        Add("GET /quy/but-toan/{id:int}/bien-nhan", $"/quy/but-toan/{aEntry}/bien-nhan", Expect.Positive, must: "Bằng chữ");
        foreach (var e in new[] { bEntry, bOldEntry })
        {
            Add("GET /quy/but-toan/{id:int}", $"/quy/but-toan/{e}", Expect.Hidden);
            Add("GET /quy/but-toan/{id:int}/bien-nhan", $"/quy/but-toan/{e}/bien-nhan", Expect.Hidden);
            Add("POST /quy/but-toan/{id:int}?handler=Reverse", $"/quy/but-toan/{e}?handler=Reverse", Expect.Refused, form: new Dictionary<string, string> { ["Reason"] = "Thử" });
            Add("GET /api/v1/money-entries/{id:int}", $"/api/v1/money-entries/{e}", Expect.Hidden);
            Add("POST /api/v1/money-entries/{id:int}/reverse", $"/api/v1/money-entries/{e}/reverse", Expect.Refused, json: new { Reason = "Thử" });
        }
        Add("POST /quy/but-toan/{id:int}?handler=Reverse", $"/quy/but-toan/{aEntry}?handler=Reverse#no reason", Expect.Refused, form: new Dictionary<string, string> { ["Reason"] = "" });

        // ---- Excel imports
        Add("GET /quy/{id:int}/nhap", $"/quy/{aFund}/nhap", Expect.Positive, must: "Nhập danh sách từ Excel");
        Add("GET /quy/{id:int}/nhap?handler=Template", $"/quy/{aFund}/nhap?handler=Template&kind=Beneficiaries", Expect.Positive);
        foreach (var f in new[] { bFund, bOldFund })
        {
            Add("GET /quy/{id:int}/nhap", $"/quy/{f}/nhap", Expect.Hidden);
            Add("GET /quy/{id:int}/nhap?handler=Template", $"/quy/{f}/nhap?handler=Template&kind=Contributions", Expect.Hidden);
            Add("POST /quy/{id:int}/nhap", $"/quy/{f}/nhap", Expect.Refused, form: new Dictionary<string, string> { ["kind"] = "Contributions", ["unitId"] = I(s.BoDe) });
        }
        foreach (var u in bUnits)
            Add("POST /quy/{id:int}/nhap", $"/quy/{aFund}/nhap#B's unit {u}", Expect.Refused, form: new Dictionary<string, string> { ["kind"] = "Contributions", ["unitId"] = I(u) });

        // ---- Bank statements (books of the fund's unit only)
        Add("GET /quy/{id:int}/sao-ke", $"/quy/{aFund}/sao-ke", Expect.Positive, must: "Sao kê ngân hàng");
        Add("GET /api/v1/funds/{id:int}/bank-lines", $"/api/v1/funds/{aFund}/bank-lines", Expect.Positive, must: "items");
        foreach (var f in new[] { bFund, bOldFund })
        {
            Add("GET /quy/{id:int}/sao-ke", $"/quy/{f}/sao-ke", Expect.Hidden);
            foreach (var h in new[] { "Upload", "Auto", "Match", "Record" })
                Add($"POST /quy/{{id:int}}/sao-ke?handler={h}", $"/quy/{f}/sao-ke?handler={h}&lineId={Id("B.line")}&seq=1", Expect.Refused, form: new Dictionary<string, string>());
            Add("GET /api/v1/funds/{id:int}/bank-lines", $"/api/v1/funds/{f}/bank-lines", Expect.Hidden);
            Add("POST /api/v1/funds/{id:int}/bank-statements", $"/api/v1/funds/{f}/bank-statements", Expect.Refused);
        }
        foreach (var h in new[] { "Match", "Record" })
            Add($"POST /quy/{{id:int}}/sao-ke?handler={h}", $"/quy/{aFund}/sao-ke?handler={h}&lineId={Id("B.line")}&seq=1#B's line through A's fund", Expect.Refused, form: new Dictionary<string, string>());
        Add("POST /api/v1/bank-lines/{id:int}/match", $"/api/v1/bank-lines/{Id("B.line")}/match", Expect.Refused, json: new { Seq = 1 });
        Add("POST /api/v1/bank-lines/{id:int}/record", $"/api/v1/bank-lines/{Id("B.line")}/record", Expect.Refused);

        // ---- API
        Add("GET /api/v1/funds", "/api/v1/funds", Expect.Positive, must: Sides.AFund);
        Add("GET /api/v1/funds/{id:int}", $"/api/v1/funds/{aFund}", Expect.Positive, must: Sides.AFund);
        Add("GET /api/v1/funds/{id:int}/balances", $"/api/v1/funds/{aFund}/balances", Expect.Positive, must: "Cộng");
        Add("GET /api/v1/funds/{id:int}/balances", $"/api/v1/funds/{aFund}/balances?unit={s.Kt}", Expect.Hidden);
        Add("GET /api/v1/funds/{id:int}/appeals", $"/api/v1/funds/{aFund}/appeals", Expect.Positive, must: Sides.AAppeal);
        Add("GET /api/v1/funds/{id:int}/entries", $"/api/v1/funds/{aFund}/entries", Expect.Positive, must: Sides.ADonor);
        Add("GET /api/v1/money-entries/{id:int}", $"/api/v1/money-entries/{aEntry}", Expect.Positive, must: Sides.ADonor);
        foreach (var f in new[] { bFund, bOldFund })
        {
            Add("GET /api/v1/funds/{id:int}", $"/api/v1/funds/{f}", Expect.Hidden);
            Add("GET /api/v1/funds/{id:int}/balances", $"/api/v1/funds/{f}/balances?period=2024", Expect.Hidden);
            Add("GET /api/v1/funds/{id:int}/appeals", $"/api/v1/funds/{f}/appeals", Expect.Hidden);
            Add("GET /api/v1/funds/{id:int}/entries", $"/api/v1/funds/{f}/entries?period=2024", Expect.Hidden);
            Add("POST /api/v1/funds/{id:int}/appeals", $"/api/v1/funds/{f}/appeals", Expect.Refused, json: new { Name = "Đợt thử", StartDate = today });
            Add("POST /api/v1/funds/{id:int}/entries", $"/api/v1/funds/{f}/entries#A's unit", Expect.Refused, json: ApiContribution(s.BoDe));
        }
        foreach (var u in bUnits)
        {
            Add("POST /api/v1/funds", $"/api/v1/funds#unit {u}", Expect.Refused, json: new { UnitId = u, Kind = "Relief", Name = "Quỹ thử", Public = true });
            Add("POST /api/v1/funds/{id:int}/entries", $"/api/v1/funds/{aFund}/entries#B's unit {u}", Expect.Refused, json: ApiContribution(u));
        }
        Add("PUT /api/v1/appeals/{id:int}/targets", $"/api/v1/appeals/{Id("B.appeal")}/targets", Expect.Refused, json: new[] { new { UnitId = s.BQuarter, Amount = 1000 } });
        Add("PUT /api/v1/appeals/{id:int}/targets", $"/api/v1/appeals/{Id("A.appeal")}/targets#B's quarter", Expect.Refused, json: new[] { new { UnitId = s.BQuarter, Amount = 1000 } });
        Add("PUT /api/v1/appeals/{id:int}/targets", $"/api/v1/appeals/{Id("A.appeal")}/targets#negative", Expect.Refused, json: new[] { new { UnitId = s.AGroup, Amount = -5 } });

        Dictionary<string, string> Contribution(int unit) => new()
        {
            ["Input.Kind"] = "Contribution", ["Input.UnitId"] = I(unit), ["Input.Date"] = today, ["Input.Amount"] = "100000",
            ["Input.Channel"] = "Cash", ["Input.DonorType"] = "Individual", ["Input.DonorName"] = "Người thử", ["Input.ReceiptNumber"] = "PT-THU",
        };
        object ApiContribution(int unit) => new { Kind = "Contribution", UnitId = unit, Date = today, Amount = 100000, Channel = "Cash", DonorType = "Individual", DonorName = "Người thử", ReceiptNumber = "PT-THU" };
    }
}

public sealed partial record Sides
{
    public const string AFund = "Quỹ Bên A thử nghiệm";
    public const string ADonor = "Người ủng hộ Bên A";
    public const string AAppeal = "Đợt vận động Bên A thử nghiệm";

    /// <summary>
    /// A fund of Bồ Đề with an appeal and a contribution; B's fund in Kiến Tường (not public, so the public pages
    /// may show every public fund without naming B), and the demo's fund of the ended Phường 2.
    /// </summary>
    private static async Task LoadFundsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt, Unit p2Old)
    {
        var ledger = new FundLedger(db, new RecordWriter(db));
        var today = TestClock.Today;
        foreach (var (side, unit, name, donor, appealName, isPublic) in new[]
        {
            ("A", boDe, AFund, ADonor, AAppeal, true), ("B", kt, "Quỹ thử Kiến Tường (bên B)", BPersonMarker + " ủng hộ", "Đợt Kiến Tường (bên B)", false),
        })
        {
            var fund = await FundRules.CreateFundAsync(db, unit, new FundInput(unit.Id, FundKind.Relief, name, null, isPublic, null, null, null));
            var appeal = await FundRules.CreateAppealAsync(db, fund, new AppealInput(appealName, today.AddDays(-30), null, 5_000_000, null));
            var entry = new MoneyEntry
            {
                Kind = EntryKind.Contribution, UnitId = unit.Id, Date = today, Amount = 500_000, Channel = Channel.Transfer, DonorType = DonorType.Individual,
                DonorName = donor, Reference = "FT-" + side, DonorAccount = "1234567890", AppealId = appeal.Id, CreatedBy = "security-tests",
            };
            await ledger.AppendAsync(fund.Id, [entry]);
            (ids[$"{side}.fund"], ids[$"{side}.appeal"], ids[$"{side}.entry"]) = (fund.Id, appeal.Id, entry.Id);
            var csv = System.Text.Encoding.UTF8.GetBytes($"Ngày;Số tiền;Mã giao dịch;Tên người chuyển\n{today:dd/MM/yyyy};700.000;FT-{side}-2;{donor}\n");
            var statement = await new BankStatements(db, ledger).ImportAsync(fund, "sao-ke.csv", csv, "chung", "security-tests");
            ids[$"{side}.line"] = await db.BankLines.Where(l => l.StatementId == statement.StatementId).Select(l => l.Id).SingleAsync();
        }
        ids["BOld.fund"] = await db.Funds.Where(f => f.UnitId == p2Old.Id).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        ids["BOld.entry"] = await db.MoneyEntries.Where(e => e.FundId == ids["BOld.fund"]).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }
}
