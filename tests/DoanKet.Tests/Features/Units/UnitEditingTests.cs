using System.Net;
using System.Text.Json;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Units;

/// <summary>Editing a unit's details: audit before/after, optimistic concurrency, soft delete and restore.</summary>
public sealed class UnitEditingTests
{
    [DatabaseTheory]
    public async Task Editing_details_is_audited_and_a_stale_version_gets_409(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var bode = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var client = await app.ClientForAsync(Demo.BoDeOfficer);

        var input = new UnitDetailsInput("Số 1 phố Nguyễn Văn Cừ, Long Biên", "024 3827 1234", "mttq.bode@hanoi.gov.vn", 5120, "Trụ sở mới", bode.Version);
        var saved = await (await client.PutJsonAsync($"/api/v1/units/{bode.Id}", input)).ReadAsync<UnitDto>();
        Assert.Equal(bode.Version + 1, saved.Version);
        Assert.Equal(("Số 1 phố Nguyễn Văn Cừ, Long Biên", 5120), (saved.Address, saved.Households));

        var audit = await client.GetJsonAsync<List<AuditDto>>($"/api/v1/audit/units/{bode.Id}");
        var update = audit.First();
        Assert.Equal(("Update", Demo.BoDeOfficer, "Unit"), (update.Action, update.UserName, update.Entity));
        using (var beforeJson = JsonDocument.Parse(update.Before!))
        using (var afterJson = JsonDocument.Parse(update.After!))
        {
            Assert.Equal(JsonValueKind.Null, beforeJson.RootElement.GetProperty("Address").ValueKind);
            Assert.Equal("Số 1 phố Nguyễn Văn Cừ, Long Biên", afterJson.RootElement.GetProperty("Address").GetString());
            Assert.Equal(5120, afterJson.RootElement.GetProperty("Households").GetInt32());
            Assert.Equal(bode.Version, beforeJson.RootElement.GetProperty("Version").GetInt64());
            Assert.Equal(bode.Version + 1, afterJson.RootElement.GetProperty("Version").GetInt64());
        }

        // Someone else saved meanwhile: the edit made from the old version is refused, nothing is overwritten.
        var stale = await client.PutJsonAsync($"/api/v1/units/{bode.Id}", input with { Address = "Địa chỉ cũ", Version = bode.Version });
        var problem = await stale.ProblemAsync(409);
        Assert.Contains("người khác sửa", problem.GetProperty("title").GetString());
        var now = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == bode.Id));
        Assert.Equal(("Số 1 phố Nguyễn Văn Cừ, Long Biên", bode.Version + 1), (now.Address, now.Version));
        Assert.Equal(audit.Count, (await client.GetJsonAsync<List<AuditDto>>($"/api/v1/audit/units/{bode.Id}")).Count);

        // Validation: Vietnamese field errors, nothing saved.
        var invalid = await (await client.PutJsonAsync($"/api/v1/units/{bode.Id}", input with { Email = "không phải email", Phone = "abc", Households = -1, Version = now.Version }))
            .TypedProblemAsync(400);
        var errors = invalid.GetProperty("errors");
        Assert.Contains("Thư điện tử", errors.GetProperty("Email")[0].GetString());
        Assert.Contains("Số điện thoại", errors.GetProperty("Phone")[0].GetString());
        Assert.Contains("Số hộ", errors.GetProperty("Households")[0].GetString());

        // A reviewer reads but may not write; a unit outside the account's scope is not even visible.
        var reviewer = await app.ClientForAsync(Demo.HanoiReviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutJsonAsync($"/api/v1/units/{bode.Id}", input with { Version = now.Version })).StatusCode);
        var kienTuong = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-KIENTUONG"));
        await (await client.PutJsonAsync($"/api/v1/units/{kienTuong.Id}", input with { Version = kienTuong.Version })).ProblemAsync(404);
        Assert.Null((await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == kienTuong.Id))).Address);
    }

    [DatabaseTheory]
    public async Task A_unit_created_by_mistake_is_soft_deleted_listed_and_restored(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var bode = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var client = await app.ClientForAsync(Demo.HanoiAdmin);

        var create = new UnitChangeRequest(UnitChangeKind.Create, new DateOnly(2026, 1, 1), "Quyết định 99/QĐ-UBND", null, [],
            [new NewUnit("Tổ thử nghiệm", UnitKind.ResidentialGroup, "TEST-01", bode.Id, 1, 12)]);
        var plan = await (await client.PostJsonAsync("/api/v1/unit-changes", create)).ReadAsync<JsonElement>();
        var id = plan.GetProperty("created")[0].GetProperty("id").GetInt32();
        var unit = await client.GetJsonAsync<UnitDto>($"/api/v1/units/{id}");
        Assert.Equal((bode.Id, bode.Path + id + "/", (DateOnly?)null), (unit.ParentId, unit.Path, unit.ValidTo));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/units/{id}")).StatusCode);
        await (await client.GetAsync($"/api/v1/units/{id}")).ProblemAsync(404);
        Assert.DoesNotContain(await client.GetJsonAsync<List<UnitDto>>($"/api/v1/units?parentId={bode.Id}"), u => u.Id == id);
        var row = await app.DbAsync(db => db.Units.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.NotNull(row.DeletedAt);
        Assert.Equal(Demo.HanoiAdmin, row.DeletedBy);
        Assert.Contains(await client.GetJsonAsync<List<UnitDto>>("/api/v1/units/deleted"), u => u.Id == id);
        // Only administrators see the bin.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Demo.BoDeOfficer)).GetAsync("/api/v1/units/deleted")).StatusCode);

        var restored = await (await client.PostAsync($"/api/v1/units/{id}/restore", null)).ReadAsync<UnitDto>();
        Assert.Equal(id, restored.Id);
        Assert.Equal("Tổ thử nghiệm", (await client.GetJsonAsync<UnitDto>($"/api/v1/units/{id}")).Name);
        Assert.DoesNotContain(await client.GetJsonAsync<List<UnitDto>>("/api/v1/units/deleted"), u => u.Id == id);
        Assert.Null((await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == id))).DeletedAt);
        // Restoring what is not deleted is a 404.
        await (await client.PostAsync($"/api/v1/units/{id}/restore", null)).ProblemAsync(404);

        var actions = (await client.GetJsonAsync<List<AuditDto>>($"/api/v1/audit/units/{id}")).Select(a => a.Action).Reverse().ToList();
        Assert.Equal(new[] { "Insert", "Update", "Delete", "Restore" }, actions); // the insert, then its path, then delete and restore
        // A unit with work records cannot be deleted, even when its only record is in the bin.
        await app.DbAsync(async db =>
        {
            db.Activities.Add(new Activity { UnitId = id, KindId = await db.ActivityKinds.Select(k => k.Id).FirstAsync(), Date = new DateOnly(2026, 2, 1),
                Title = "Ghi nhầm", DeletedAt = TestClock.UtcNow, DeletedBy = Demo.HanoiAdmin });
            return await db.SaveChangesAsync();
        });
        var problem = await (await client.DeleteAsync($"/api/v1/units/{id}")).ProblemAsync(409);
        Assert.Contains("số liệu công tác", problem.GetProperty("title").GetString());
        // A unit with history cannot be deleted.
        var old = await app.DbAsync(db => db.Units.AsNoTracking().FirstAsync(u => u.Code == "DEMO-NL"));
        await (await client.DeleteAsync($"/api/v1/units/{bode.Id}")).ProblemAsync(409);
        Assert.Null((await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == bode.Id))).DeletedAt);
        Assert.NotEqual(0, old.Id);
    }
}
