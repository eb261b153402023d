using DoanKet.Domain.Organisations;
using DoanKet.Features.Organisations;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DoanKet.Tests.Features.Organisations;

public class RosterExcelTests
{
    private static byte[] Sheet(params object?[][] rows)
    {
        var list = rows.Select(r => RosterExcel.Columns.Select((c, i) => (c, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.v)).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(list);
        return ms.ToArray();
    }

    private static async Task<(RosterCheck Check, int Imported)> RunAsync(TestApp app, int orgId, byte[] file, bool import)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DoanKet.Data.AppDb>();
        var org = await db.Organisations.SingleAsync(o => o.Id == orgId);
        var unit = await db.Units.SingleAsync(u => u.Id == org.UnitId);
        var roster = sp.GetRequiredService<RosterExcel>();
        var check = await roster.CheckAsync(new MemoryStream(file), org, unit);
        var imported = import ? await roster.ImportAsync(check, org, unit, sp.GetRequiredService<Registry>()) : 0;
        return (check, imported);
    }

    [DatabaseTheory]
    public async Task Import_checks_every_row_saves_only_valid_ones_and_adds_nothing_twice(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var orgId = await app.DbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.FrontCommittee && o.Name.Contains("Bồ Đề")).Select(o => o.Id).SingleAsync());
        var file = Sheet(
            ["Lê Thị Thu", "Nữ", 1985, "", "", "0912 345 678", "Ủy viên", "", "01/08/2025", "QĐ 5/QĐ-MTTQ"],
            ["Hà Văn Sinh", "nam", 1990, "Tày", "Phật giáo", "", "uy vien thuong truc", "Có", "2025-09-01", ""],
            ["Trần Văn Tư", "Nam", "", "", "Không", "", "Ủy viên", "", new DateTime(2025, 10, 1), ""],
            ["Người Sai", "X", "năm", "", "", "abc", "Giám đốc", "", "31/02/2025", ""],
            ["Lê Thị Thu", "Nữ", 1985, "", "", "", "Ủy viên", "", "01/08/2025", ""],
            [null, null, null, null, null, null, null, null, null, null],
            ["Trước Sáp Nhập", "Nam", 1970, "", "", "", "Ủy viên", "", "01/01/2024", ""]);

        var before = await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == orgId));
        var (check, _) = await RunAsync(app, orgId, file, import: false);
        Assert.Equal([2, 3, 4], check.Valid.Select(v => v.Row));
        Assert.Equal([5, 6, 8], check.Errors.Select(e => e.Row));
        Assert.Contains("Giới tính", check.Errors[0].Reason);
        Assert.Contains("Chức danh", check.Errors[0].Reason);
        Assert.Contains("Từ ngày", check.Errors[0].Reason);
        Assert.Contains("Trùng", check.Errors[1].Reason);
        Assert.Contains("còn hiệu lực", check.Errors[2].Reason);
        Assert.Equal(before, await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == orgId)));

        var (_, imported) = await RunAsync(app, orgId, file, import: true);
        Assert.Equal(3, imported);
        var sinh = await app.DbAsync(db => db.Posts.Include(p => p.Person).SingleAsync(p => p.OrganisationId == orgId && p.Person!.FullName == "Hà Văn Sinh"));
        Assert.Equal((Position.StandingMember, true, "Tày", "Phật giáo", new DateOnly(2025, 9, 1)), (sinh.Position, sinh.FullTime, sinh.Person!.Ethnicity, sinh.Person.Religion, sinh.StartDate));
        Assert.Null(await app.DbAsync(db => db.People.Where(p => p.FullName == "Trần Văn Tư").Select(p => p.Religion).SingleAsync()));

        var (again, importedAgain) = await RunAsync(app, orgId, file, import: true);
        Assert.Empty(again.Valid);
        Assert.Equal(3, again.AlreadyThere.Count);
        Assert.Equal(0, importedAgain);
        Assert.Equal(before + 3, await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == orgId)));
    }

    [DatabaseTheory]
    public async Task Api_checks_then_applies_a_roster_upload_and_exports_it(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(DoanKet.Tests.Units.Demo.BoDeOfficer);
        var orgId = await app.DbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.FrontCommittee && o.Name.Contains("Bồ Đề")).Select(o => o.Id).SingleAsync());
        var file = Sheet(["Lê Thị Thu", "Nữ", 1985, "", "", "", "Ủy viên", "", "01/08/2025", ""], ["Sai", "?", "", "", "", "", "", "", "", ""]);
        async Task<System.Text.Json.JsonElement> PostAsync(bool apply)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "danh-sach.xlsx" } };
            var r = await api.PostAsync($"/api/v1/organisations/{orgId}/roster?apply={(apply ? "true" : "false")}", form);
            Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
            return await r.ReadAsync<System.Text.Json.JsonElement>();
        }
        var check = await PostAsync(apply: false);
        Assert.Equal((1, 0, 1, 0), (check.GetProperty("valid").GetInt32(), check.GetProperty("alreadyThere").GetInt32(), check.GetProperty("errors").GetArrayLength(), check.GetProperty("imported").GetInt32()));
        Assert.Equal(3, check.GetProperty("errors")[0].GetProperty("row").GetInt32());
        Assert.Equal(1, (await PostAsync(apply: true)).GetProperty("imported").GetInt32());
        var again = await PostAsync(apply: true);
        Assert.Equal((0, 1, 0), (again.GetProperty("valid").GetInt32(), again.GetProperty("alreadyThere").GetInt32(), again.GetProperty("imported").GetInt32()));

        var missing = await api.PostAsync($"/api/v1/organisations/{orgId}/roster", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("file", await missing.Content.ReadAsStringAsync());

        var export = await api.GetAsync($"/api/v1/organisations/{orgId}/roster");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["Họ và tên"] == "Lê Thị Thu");
    }

    [DatabaseTheory]
    public async Task Export_reads_back_through_the_import_and_the_template_imports_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var orgId = await app.DbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.ConsultativeGroup).Select(o => o.Id).SingleAsync());
        var bytes = await app.DbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var members = await scope.ServiceProvider.GetRequiredService<Registry>().MembersAsync(orgId, new DateOnly(2022, 1, 1));
            Assert.Equal(7, members.Count);
            return RosterExcel.Export(members);
        });
        var (check, _) = await RunAsync(app, orgId, bytes, import: false);
        Assert.Empty(check.Errors);
        Assert.Empty(check.Valid);
        Assert.Equal(7, check.AlreadyThere.Count);

        var (template, _) = await RunAsync(app, orgId, RosterExcel.Template(), import: false);
        Assert.Empty(template.Valid);
        Assert.Empty(template.Errors);

        var (garbage, _) = await RunAsync(app, orgId, "không phải excel"u8.ToArray(), import: false);
        Assert.Single(garbage.Errors);
        Assert.Contains(".xlsx", garbage.Errors[0].Reason);
    }
}
