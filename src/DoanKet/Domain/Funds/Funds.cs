using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DoanKet.Domain.Funds;

public enum FundKind { ForThePoor, Relief, Gratitude, SeaIslands, Covid, Disaster, Other }

/// <summary>A fund held by a unit's committee (Quỹ Vì người nghèo of a ward, a province's relief fund…).</summary>
public class Fund : IAudited
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public FundKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>Shown on the public transparency pages.</summary>
    public bool Public { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    /// <summary>The chain head: the last entry's sequence number and hash. Moved only by <c>Ledger</c>.</summary>
    public long HeadSeq { get; set; }
    public string HeadHash { get; set; } = Ledger.Genesis;

    public static string KindCode(FundKind k) => k switch
    {
        FundKind.ForThePoor => "vi_nguoi_ngheo",
        FundKind.Relief => "cuu_tro",
        FundKind.Gratitude => "den_on_dap_nghia",
        FundKind.SeaIslands => "vi_bien_dao",
        FundKind.Covid => "covid",
        FundKind.Disaster => "thien_tai",
        _ => "khac",
    };

    public static string KindLabel(FundKind k) => k switch
    {
        FundKind.ForThePoor => "Quỹ “Vì người nghèo”",
        FundKind.Relief => "Quỹ Cứu trợ",
        FundKind.Gratitude => "Quỹ “Đền ơn đáp nghĩa”",
        FundKind.SeaIslands => "Quỹ “Vì biển, đảo Việt Nam”",
        FundKind.Covid => "Quỹ phòng, chống dịch COVID-19",
        FundKind.Disaster => "Vận động ủng hộ thiên tai",
        _ => "Quỹ khác",
    };
}

/// <summary>An official account of a fund, published in full so that impostors' accounts can be spotted.</summary>
public class FundAccount : IAudited
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public required string Bank { get; set; }
    public required string Number { get; set; }
    public required string Holder { get; set; }
}

/// <summary>An appeal (đợt vận động) of a fund, with dates; targets per unit are in <see cref="AppealTarget"/>.</summary>
public class Appeal : IAudited
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Note { get; set; }
}

/// <summary>The amount a unit is asked to raise in an appeal; the launching unit sets its own, each unit sets its children's.</summary>
public class AppealTarget
{
    public int AppealId { get; set; }
    public int UnitId { get; set; }
    public long Amount { get; set; }
}

public enum EntryKind { Contribution, Allocation, Disbursement }
public enum DonorType { Individual, Organisation, Anonymous }
public enum Channel { Cash, Transfer, InKind }
public enum Purpose { Support, Gift, House, Livelihood }
public enum BeneficiaryCategory { Poor, NearPoor, PolicyFamily, Other }

/// <summary>
/// One line of a fund's ledger: money in (contribution), money moved down (allocation) or money out
/// (disbursement). Append-only: a correction is a new entry that reverses one (<see cref="ReversesId"/>)
/// with its amounts and counts negated. Each entry's hash chains to the previous entry of its fund.
/// </summary>
public class MoneyEntry
{
    public int Id { get; set; }
    public int FundId { get; set; }
    /// <summary>1, 2, 3… per fund, without gaps.</summary>
    public long Seq { get; set; }
    public EntryKind Kind { get; set; }
    /// <summary>Receiving unit (contribution), giving unit (allocation) or paying unit (disbursement).</summary>
    public int UnitId { get; set; }
    /// <summary>The lower-level unit an allocation goes to.</summary>
    public int? ToUnitId { get; set; }
    public int? AppealId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Whole đồng; for in-kind gifts the valuation. Negative only in a reversal.</summary>
    public long Amount { get; set; }

    // Contribution
    public Channel? Channel { get; set; }
    public DonorType? DonorType { get; set; }
    /// <summary>The name shown (anonymous donors: "Nhà hảo tâm giấu tên").</summary>
    public string? DonorName { get; set; }
    public string? DonorFolded { get; set; }
    public string? ReceiptNumber { get; set; }
    /// <summary>Bank transaction reference of a transfer.</summary>
    public string? Reference { get; set; }
    /// <summary>The donor's bank account: kept for reconciliation, never shown in full in public.</summary>
    public string? DonorAccount { get; set; }
    public string? InKindDescription { get; set; }
    public int? Quantity { get; set; }
    public string? Earmark { get; set; }

    // Disbursement
    public Purpose? Purpose { get; set; }
    /// <summary>Household head or person supported; shortened in public ("Nguyễn V. A.").</summary>
    public string? BeneficiaryName { get; set; }
    /// <summary>The beneficiary's residential group; the only address shown in public.</summary>
    public int? BeneficiaryGroupId { get; set; }
    public BeneficiaryCategory? Category { get; set; }
    public int Households { get; set; }
    public int People { get; set; }
    public int Gifts { get; set; }
    public int Houses { get; set; }

    public string? Note { get; set; }
    public int? ReversesId { get; set; }
    public string? Reason { get; set; }
    /// <summary>Bulk import this entry came from and its row in the file: a resumed import skips rows already in.</summary>
    public int? ImportBatchId { get; set; }
    public int? ImportRow { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public string Hash { get; set; } = "";

    public static string ChannelLabel(Channel c) => c switch
    {
        Funds.Channel.Cash => "Tiền mặt",
        Funds.Channel.Transfer => "Chuyển khoản",
        _ => "Hiện vật",
    };

    public static string DonorTypeLabel(DonorType d) => d switch
    {
        Funds.DonorType.Organisation => "Tổ chức, doanh nghiệp",
        Funds.DonorType.Individual => "Cá nhân",
        _ => "Giấu tên",
    };

    public static string PurposeLabel(Purpose p) => p switch
    {
        Funds.Purpose.Gift => "Tặng quà",
        Funds.Purpose.House => "Xây, sửa nhà",
        Funds.Purpose.Livelihood => "Hỗ trợ sinh kế",
        _ => "Hỗ trợ khó khăn",
    };

    public static string PurposeKey(Purpose p) => p switch
    {
        Funds.Purpose.Gift => "qua",
        Funds.Purpose.House => "nha",
        Funds.Purpose.Livelihood => "sinh_ke",
        _ => "ho_tro",
    };

    public static string CategoryLabel(BeneficiaryCategory c) => c switch
    {
        BeneficiaryCategory.Poor => "Hộ nghèo",
        BeneficiaryCategory.NearPoor => "Hộ cận nghèo",
        BeneficiaryCategory.PolicyFamily => "Gia đình chính sách",
        _ => "Khác",
    };

    public static string KindLabel(EntryKind k) => k switch
    {
        EntryKind.Contribution => "Thu (đóng góp)",
        EntryKind.Allocation => "Phân bổ xuống cấp dưới",
        _ => "Chi hỗ trợ",
    };

    public const string AnonymousName = "Nhà hảo tâm giấu tên";
}

/// <summary>
/// A fund's distinct donor names (folded), one row for each word a name can be searched from ("nguyen van an",
/// "van an", "an"), with how many contributions carry the name: the public search finds what was typed as a
/// prefix of <see cref="Words"/> in a B-tree, then the entries by exact name. Kept by <c>FundLedger</c> in the
/// same transaction as the entries; derived, so not part of the hash chain.
/// </summary>
public class FundDonorName
{
    public int FundId { get; set; }
    /// <summary>The name from one of its words to its end.</summary>
    public string Words { get; set; } = "";
    public string Folded { get; set; } = "";
    public long Entries { get; set; }

    /// <summary>Every ending of a folded name that starts a word.</summary>
    public static IEnumerable<string> Endings(string folded)
    {
        for (var i = 0; i >= 0 && i < folded.Length; i = folded.IndexOf(' ', i) is var s and >= 0 ? s + 1 : -1)
            yield return folded[i..];
    }
}

/// <summary>The hash chain of a fund's ledger (DESIGN.md §5).</summary>
public static class Ledger
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 of the previous hash and the entry's canonical bytes, as lower-case hex.</summary>
    public static string HashOf(string previous, MoneyEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + Canonical(e))));

    /// <summary>Every stored field but Id and Hash, invariant text, in a fixed order; a new field must be added at the end.</summary>
    public static string Canonical(MoneyEntry e)
    {
        static string S(string? s) => s is null ? "∅" : s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        static string N<T>(T? v) where T : struct => v is null ? "∅" : Convert.ToString(v, CultureInfo.InvariantCulture)!;
        return string.Join('|',
            N<long>(e.Seq), N<int>(e.FundId), e.Kind.ToString(), N<int>(e.UnitId), N(e.ToUnitId), N(e.AppealId),
            e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N<long>(e.Amount),
            N(e.Channel), N(e.DonorType), S(e.DonorName), S(e.ReceiptNumber), S(e.Reference), S(e.DonorAccount),
            S(e.InKindDescription), N(e.Quantity), S(e.Earmark),
            N(e.Purpose), S(e.BeneficiaryName), N(e.BeneficiaryGroupId), N(e.Category), N<int>(e.Households), N<int>(e.People), N<int>(e.Gifts), N<int>(e.Houses),
            S(e.Note), N(e.ReversesId), S(e.Reason), N(e.ImportBatchId), N(e.ImportRow),
            DateTime.SpecifyKind(e.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), S(e.CreatedBy));
    }

    /// <summary>What a reversal of <paramref name="e"/> looks like: the same entry with amounts and counts negated.</summary>
    public static MoneyEntry ReversalOf(MoneyEntry e, string reason, string by, DateOnly date) => new()
    {
        FundId = e.FundId, Kind = e.Kind, UnitId = e.UnitId, ToUnitId = e.ToUnitId, AppealId = e.AppealId, Date = date,
        Amount = -e.Amount, Channel = e.Channel, DonorType = e.DonorType, DonorName = e.DonorName, DonorFolded = e.DonorFolded,
        ReceiptNumber = e.ReceiptNumber, Reference = e.Reference, DonorAccount = e.DonorAccount, InKindDescription = e.InKindDescription,
        Quantity = e.Quantity is { } q ? -q : null, Earmark = e.Earmark, Purpose = e.Purpose, BeneficiaryName = e.BeneficiaryName,
        BeneficiaryGroupId = e.BeneficiaryGroupId, Category = e.Category,
        Households = -e.Households, People = -e.People, Gifts = -e.Gifts, Houses = -e.Houses,
        ReversesId = e.Id, Reason = reason, CreatedBy = by,
    };
}

/// <summary>An imported bank statement file of a fund; the same file (by content hash) is never imported twice.</summary>
public class BankStatement
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public required string FileName { get; set; }
    public required string FileHash { get; set; }
    public required string Layout { get; set; }
    public int Lines { get; set; }
    public int NewLines { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}

/// <summary>One line of a bank statement. A line seen in an earlier, overlapping statement is not stored again (<see cref="LineKey"/>).</summary>
public class BankLine
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public int FundId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Credit positive, debit negative.</summary>
    public long Amount { get; set; }
    public string? Reference { get; set; }
    public string? Description { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyAccount { get; set; }
    public required string LineKey { get; set; }
    /// <summary>The contribution this line is reconciled with.</summary>
    public int? EntryId { get; set; }
    public bool MatchedByHand { get; set; }
}

public enum ImportKind { Contributions, Beneficiaries }
public enum ImportStatus { Running, Done, Failed }

/// <summary>A bulk import of contributions or beneficiaries from an Excel template, run in the background, resumable.</summary>
public class ImportBatch
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public int UnitId { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>The appeal every row of the file counts for, if any.</summary>
    public int? AppealId { get; set; }
    public required string FileName { get; set; }
    public required string FileHash { get; set; }
    /// <summary>The uploaded file, kept so that an interrupted import can resume from it.</summary>
    public required byte[] Content { get; set; }
    public int Rows { get; set; }
    public int Done { get; set; }
    public ImportStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public required string StartedBy { get; set; }
}
