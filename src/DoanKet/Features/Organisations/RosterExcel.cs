using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public sealed record RosterError(int Row, string Reason);
public sealed record RosterLine(int Row, NewPostInput Input);

/// <summary>What an import would do: rows to add, rows already there (skipped), and rows refused with the reason.</summary>
public sealed record RosterCheck(List<RosterLine> Valid, List<RosterLine> AlreadyThere, List<RosterError> Errors);

/// <summary>Rosters in Excel: export, a blank template, and an import that checks every row before anything is saved.</summary>
public sealed class RosterExcel(AppDb db)
{
    // Column headings, in order; the template and the export use the same ones, the import reads them by name.
    public static readonly string[] Columns =
        ["Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo", "Điện thoại", "Chức danh", "Chuyên trách", "Từ ngày", "Quyết định"];

    public const int MaxRows = 2000;

    public static byte[] Export(IEnumerable<MemberRow> members)
    {
        var rows = members.Select(m => Row(m.Person.FullName, m.Person.Sex == Sex.Female ? "Nữ" : "Nam", m.Person.BirthYear, m.Person.Ethnicity,
            m.Person.Religion ?? "", m.Person.Phone ?? "", Post.Label(m.Post.Position), m.Post.FullTime ? "Có" : "", Fmt.Date(m.Post.StartDate), m.Post.Decision ?? "")).ToList();
        return Save(rows.Count > 0 ? rows : [Row("", "", null, "", "", "", "", "", "", "")]);
    }

    /// <summary>The headings with an empty row to fill in, and a sheet of instructions.</summary>
    public static byte[] Template()
    {
        var help = new[]
        {
            "Mỗi dòng một người giữ một chức danh; dòng 1 là tên cột, không sửa.",
            "Giới tính: Nam hoặc Nữ. Năm sinh: 4 chữ số, ví dụ 1970 (có thể bỏ trống).",
            "Dân tộc: bỏ trống là Kinh. Tôn giáo: bỏ trống hoặc “Không” nếu không theo tôn giáo.",
            "Chức danh: Chủ tịch, Phó Chủ tịch, Ủy viên Thường trực, Ủy viên, Trưởng ban, Phó Trưởng ban, Thư ký.",
            "Chuyên trách: “Có” nếu là cán bộ chuyên trách. Từ ngày: ngày/tháng/năm, ví dụ 10/07/2020.",
            "Nhập lại cùng một tệp không thêm trùng: người cùng họ tên, năm sinh, chức danh và ngày bắt đầu được bỏ qua.",
        }.Select(h => new Dictionary<string, object?> { ["Hướng dẫn"] = h }).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(new Dictionary<string, object> { ["Danh sách"] = new[] { Row(new object?[Columns.Length]) }, ["Hướng dẫn"] = help });
        return ms.ToArray();
    }

    private static Dictionary<string, object?> Row(params object?[] values) =>
        Columns.Select((c, i) => (c, values[i])).ToDictionary(x => x.c, x => x.Item2);

    private static byte[] Save(List<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        return ms.ToArray();
    }

    /// <summary>Reads and checks every row; saves nothing.</summary>
    public async Task<RosterCheck> CheckAsync(Stream xlsx, Organisation org, Unit unit)
    {
        var valid = new List<RosterLine>();
        var already = new List<RosterLine>();
        var errors = new List<RosterError>();
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. MiniExcel.Query(xlsx, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            return new([], [], [new(0, "Tệp không đọc được: hãy dùng tệp .xlsx theo mẫu tải về.")]);
        }
        if (rows.Count > MaxRows) return new([], [], [new(0, $"Tệp có quá {MaxRows:N0} dòng; hãy chia nhỏ.")]);
        var missing = rows.Count == 0 ? [] : Columns.Take(1).Concat(["Giới tính", "Chức danh", "Từ ngày"]).Where(c => !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0) return new([], [], [new(1, $"Thiếu cột: {string.Join(", ", missing)}. Hãy dùng tệp mẫu.")]);

        var current = await db.Posts.AsNoTracking().Include(p => p.Person).Where(p => p.OrganisationId == org.Id).ToListAsync();
        var seen = new HashSet<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var rowNumber = i + 2; // row 1 holds the headings
            var r = rows[i];
            if (r.Values.All(v => string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture)))) continue;
            var reasons = new List<string>();
            var name = Str(r, "Họ và tên");
            var sex = Text.Fold(Str(r, "Giới tính")) switch { "nu" => Sex.Female, "nam" => Sex.Male, _ => (Sex?)null };
            if (sex is null) reasons.Add("Giới tính ghi “Nam” hoặc “Nữ”");
            int? birthYear = null;
            if (Str(r, "Năm sinh") is { Length: > 0 } by)
            {
                if (int.TryParse(by, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)) birthYear = y;
                else reasons.Add("Năm sinh phải là số, ví dụ 1970");
            }
            var position = ParsePosition(Str(r, "Chức danh"));
            if (position is null) reasons.Add("Chức danh không rõ (Chủ tịch, Phó Chủ tịch, Ủy viên Thường trực, Ủy viên, Trưởng ban, Phó Trưởng ban, Thư ký)");
            var start = ParseDate(r.TryGetValue("Từ ngày", out var sv) ? sv : null);
            if (start is null) reasons.Add("Từ ngày ghi dạng ngày/tháng/năm, ví dụ 10/07/2020");
            var person = new PersonInput(name, sex ?? Sex.Male, birthYear, Str(r, "Dân tộc"), Str(r, "Tôn giáo"), Str(r, "Điện thoại"), null);
            var personErrors = new Dictionary<string, string[]>();
            Registry.ValidatePerson(person, "", personErrors, db.Clock.Today);
            reasons.AddRange(personErrors.Where(e => e.Key != "Sex").SelectMany(e => e.Value).Select(m => m.TrimEnd('.')));
            if (start is { } s && (s < unit.ValidFrom || unit.ValidTo is { } end && s >= end))
                reasons.Add($"Từ ngày phải trong thời gian {unit.FullName} còn hiệu lực");
            var fullTime = Text.Fold(Str(r, "Chuyên trách")) is "co" or "x" or "1" or "chuyen trach";
            if (reasons.Count > 0) { errors.Add(new(rowNumber, string.Join("; ", reasons) + ".")); continue; }

            var line = new RosterLine(rowNumber, new NewPostInput(null, person, position!.Value, fullTime, start, NullIfEmpty(Str(r, "Quyết định"))));
            // The same person in the same post from the same day is one post: a second import adds nothing.
            var key = $"{Text.Fold(name)}|{birthYear}|{position}|{start}";
            if (!seen.Add(key)) { errors.Add(new(rowNumber, "Trùng với một dòng phía trên.")); continue; }
            if (current.Any(p => p.Person is not null && Text.Fold(p.Person.FullName) == Text.Fold(name) && p.Person.BirthYear == birthYear && p.Position == position && p.StartDate == start))
                already.Add(line);
            else valid.Add(line);
        }
        return new(valid, already, errors);
    }

    /// <summary>Saves the valid rows of a check, in one transaction; people already on the roster are reused.</summary>
    public async Task<int> ImportAsync(RosterCheck check, Organisation org, Unit unit, Registry registry)
    {
        if (check.Valid.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync();
        var people = await db.Posts.Where(p => p.OrganisationId == org.Id).Select(p => p.Person!).Distinct().ToListAsync();
        foreach (var line in check.Valid)
        {
            var p = line.Input.Person!;
            var person = people.FirstOrDefault(x => Text.Fold(x.FullName) == Text.Fold(p.FullName) && x.BirthYear == p.BirthYear)
                ?? Registry.NewPerson(p, unit.Id, db.Clock.UtcNow);
            if (person.Id == 0) people.Add(person);
            registry.AddPost(org.Id, line.Input, person);
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return check.Valid.Count;
    }

    private static string Str(IDictionary<string, object?> r, string column) =>
        r.TryGetValue(column, out var v) ? (Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").Trim() : "";

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    public static Position? ParsePosition(string s)
    {
        var folded = Text.Fold(s);
        return Enum.GetValues<Position>().Cast<Position?>().FirstOrDefault(p => Text.Fold(Post.Label(p!.Value)) == folded);
    }

    public static DateOnly? ParseDate(object? v) => v switch
    {
        DateTime dt => DateOnly.FromDateTime(dt),
        double d when d is > 1 and < 100000 => DateOnly.FromDateTime(DateTime.FromOADate(d)),
        _ when DateOnly.TryParseExact(Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => null,
    };
}
