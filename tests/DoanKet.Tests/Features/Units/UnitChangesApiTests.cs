using System.Net;
using System.Text.Json;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Units;

/// <summary>Merging and splitting residential groups on the demo data, through the API.</summary>
public sealed class UnitChangesApiTests
{
    private static readonly DateOnly ChangeDate = new(2026, 12, 1);
    private const string Decision = "Quyết định 12/QĐ-UBND (thử nghiệm)";

    private sealed record Setup(int BoDe, int NgocLam, int Old11, int Old13, int Old14, Unit Orig12, Unit Orig13, Unit Orig14, Unit Orig15, Unit Orig11, Unit Split2020_12, Unit Split2020_14, Unit Merged2020_13);

    private static Task<Setup> LoadAsync(TestApp app) => app.DbAsync(async db =>
    {
        var bode = await Demo.CurrentAsync(db, "DEMO-BODE");
        var nl = await Demo.ByCodeFromAsync(db, "DEMO-NL", Demo.Tracked);
        return new Setup(bode.Id, nl.Id,
            (await Demo.GroupAsync(db, bode.Id, "11", Demo.Reorganised)).Id,
            (await Demo.GroupAsync(db, bode.Id, "13", Demo.Reorganised)).Id,
            (await Demo.GroupAsync(db, bode.Id, "14", Demo.Reorganised)).Id,
            await Demo.GroupAsync(db, nl.Id, "12", Demo.Tracked),
            await Demo.GroupAsync(db, nl.Id, "13", Demo.Tracked),
            await Demo.GroupAsync(db, nl.Id, "14", Demo.Tracked),
            await Demo.GroupAsync(db, nl.Id, "15", Demo.Tracked),
            await Demo.GroupAsync(db, nl.Id, "11", Demo.Tracked),
            await Demo.GroupAsync(db, nl.Id, "12", Demo.Y2020),
            await Demo.GroupAsync(db, nl.Id, "14", Demo.Y2020),
            await Demo.GroupAsync(db, nl.Id, "13", Demo.Y2020));
    });

    private static UnitChangeRequest MergeRequest(Setup s) => new(UnitChangeKind.Merge, ChangeDate, Decision, "Sáp nhập tổ 11 và tổ 13",
        [s.Old11, s.Old13], [new NewUnit("11-13", UnitKind.ResidentialGroup, null, s.BoDe, 1, 420)]);

    private static UnitChangeRequest SplitRequest(Setup s) => new(UnitChangeKind.Split, ChangeDate, Decision, null,
        [s.Old14], [new NewUnit("14A", UnitKind.ResidentialGroup, null, s.BoDe, 0.4, 60), new NewUnit("14B", UnitKind.ResidentialGroup, null, s.BoDe, 0.6, 80)]);

    private static async Task<JsonElement> ApplyAsync(HttpClient client, UnitChangeRequest request) =>
        await (await client.PostJsonAsync("/api/v1/unit-changes", request)).ReadAsync<JsonElement>();

    private static async Task<Dictionary<int, double>> WalkAsync(HttpClient client, string direction, int id, DateOnly at) =>
        (await client.GetJsonAsync<List<WeightedUnitDto>>($"/api/v1/units/{id}/{direction}?at={at:yyyy-MM-dd}"))
            .ToDictionary(w => w.Unit.Id, w => w.Weight);

    [DatabaseTheory]
    public async Task Merge_and_split_keep_old_versions_and_show_each_date_its_own_tree(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await LoadAsync(app);
        var to11Before = await app.UserAsync(Demo.To11Head);
        Assert.Equal(s.Old11, to11Before.UnitId); // the 1→1 re-version of 2025 carried the account along
        var client = await app.ClientForAsync(Demo.HanoiAdmin);

        var merge = await ApplyAsync(client, MergeRequest(s));
        var split = await ApplyAsync(client, SplitRequest(s));
        var mergedId = merge.GetProperty("created")[0].GetProperty("id").GetInt32();
        var splitIds = split.GetProperty("created").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(new[] { s.Old11, s.Old13 }, merge.GetProperty("ending").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).Order());

        // The old versions stay readable, ended on the change date.
        foreach (var old in new[] { s.Old11, s.Old13, s.Old14 })
        {
            var dto = await client.GetJsonAsync<UnitDto>($"/api/v1/units/{old}");
            Assert.Equal(ChangeDate, dto.ValidTo);
        }
        // The account bound to the merged group still exists and is still bound to its old version.
        var to11 = await app.UserAsync(Demo.To11Head);
        Assert.Equal(s.Old11, to11.UnitId);
        // … and can still read it, with its lineage into the new group (it keeps the old subtree until rebound).
        var to11Client = await app.ClientForAsync(Demo.To11Head);
        Assert.Equal(ChangeDate, (await to11Client.GetJsonAsync<UnitDto>($"/api/v1/units/{s.Old11}")).ValidTo);
        var history = await to11Client.GetJsonAsync<List<LineageDto>>($"/api/v1/units/{s.Old11}/history");
        Assert.Contains(history, h => h.Direction == "to" && h.Other.Id == mergedId && h.Kind == UnitChangeKind.Merge && h.EffectiveDate == ChangeDate);

        // The tree the day before shows the old shape, on the day the new one.
        async Task<HashSet<string>> Names(DateOnly at) =>
            [.. (await client.GetJsonAsync<List<UnitDto>>($"/api/v1/units?at={at:yyyy-MM-dd}&parentId={s.BoDe}")).Select(u => u.Name)];
        var before = await Names(ChangeDate.AddDays(-1));
        var after = await Names(ChangeDate);
        Assert.Equal(Enumerable.Range(1, 14).Select(i => i.ToString()).ToHashSet(), before);
        Assert.Equal(new[] { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11-13", "12", "14A", "14B" }.ToHashSet(), after);
        // Before 1/7/2025 the groups were in Ngọc Lâm, which had 15 groups until 2020 and 14 after.
        var ngocLam2019 = (await client.GetJsonAsync<List<UnitDto>>($"/api/v1/units?at=2019-06-01&parentId={s.NgocLam}")).Select(u => u.Name).ToHashSet();
        var ngocLam2021 = (await client.GetJsonAsync<List<UnitDto>>($"/api/v1/units?at=2021-06-01&parentId={s.NgocLam}")).Select(u => u.Name).ToHashSet();
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i.ToString()).ToHashSet(), ngocLam2019);
        Assert.Equal(Enumerable.Range(1, 14).Select(i => i.ToString()).ToHashSet(), ngocLam2021);
        Assert.Empty(await client.GetJsonAsync<List<UnitDto>>($"/api/v1/units?at=2025-07-01&parentId={s.NgocLam}"));

        // Old Ngọc Lâm tổ 13 (2015) → tổ 13 (2020) → tổ 13 under Bồ Đề (2025) → 11-13 (2026).
        var o13 = s.Orig13.Id;
        LineageModel.AssertSame(new Dictionary<int, double> { [o13] = 1 }, await WalkAsync(client, "successors", o13, new(2019, 12, 31)), "tổ 13 in 2019");
        LineageModel.AssertSame(new Dictionary<int, double> { [s.Merged2020_13.Id] = 1 }, await WalkAsync(client, "successors", o13, new(2020, 1, 1)), "tổ 13 in 2020");
        LineageModel.AssertSame(new Dictionary<int, double> { [s.Old13] = 1 }, await WalkAsync(client, "successors", o13, new(2025, 7, 1)), "tổ 13 in 7/2025");
        LineageModel.AssertSame(new Dictionary<int, double> { [mergedId] = 1 }, await WalkAsync(client, "successors", o13, ChangeDate), "tổ 13 in 2026");
        // Before it existed, a unit has no successors.
        Assert.Empty(await WalkAsync(client, "successors", mergedId, new(2025, 12, 31)));

        // 11-13 came from the 2015 groups 11, 13, 14 and 15 whole.
        LineageModel.AssertSame(new Dictionary<int, double> { [s.Orig11.Id] = 1, [o13] = 1, [s.Orig14.Id] = 1, [s.Orig15.Id] = 1 },
            await WalkAsync(client, "predecessors", mergedId, new(2019, 6, 1)), "predecessors of 11-13 in 2019");
        LineageModel.AssertSame(new Dictionary<int, double> { [s.Old11] = 1, [s.Old13] = 1 },
            await WalkAsync(client, "predecessors", mergedId, new(2025, 12, 31)), "predecessors of 11-13 the day before");

        // Split weights multiply: old tổ 12 went half to tổ 12, half to tổ 14 (2020); tổ 14 went 40/60 to 14A/14B.
        var split12 = await WalkAsync(client, "successors", s.Orig12.Id, ChangeDate);
        var current12 = await app.DbAsync(db => Demo.GroupAsync(db, s.BoDe, "12", Demo.Reorganised));
        LineageModel.AssertSame(new Dictionary<int, double> { [current12.Id] = 0.5, [splitIds[0]] = 0.2, [splitIds[1]] = 0.3 }, split12, "old tổ 12 today");
        LineageModel.AssertSame(new Dictionary<int, double> { [s.Orig12.Id] = 0.2 }, await WalkAsync(client, "predecessors", splitIds[0], new(2019, 1, 1)), "14A from old tổ 12");

        // "As now" equals the brute-force walk for every unit ever made; the walk agrees with it at every date of the story.
        var model = await app.DbAsync(LineageModel.LoadAsync);
        model.AssertSuccessorTable(model.Units.Keys);
        var lineageRows = await app.DbAsync(db => db.UnitLineages.AsNoTracking().Select(e => e.FromUnitId).Distinct().ToListAsync());
        var central = await app.ClientForAsync(Demo.Admin);
        foreach (var id in lineageRows)
            foreach (var at in new[] { new DateOnly(2019, 1, 1), new DateOnly(2022, 1, 1), new DateOnly(2025, 8, 1), new DateOnly(2026, 6, 1) })
                if (model.Units[id].ValidFrom <= at)
                    LineageModel.AssertSame(model.Successors(id, at), await WalkAsync(central, "successors", id, at), $"successors of {id} at {at}");
    }

    [DatabaseTheory]
    public async Task Preview_changes_nothing_and_apply_writes_change_edges_and_audit(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await LoadAsync(app);
        var client = await app.ClientForAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode); // the token's first use is written now, not during the preview

        var before = await app.Database.SnapshotAsync();
        var preview = await (await client.PostJsonAsync("/api/v1/unit-changes/preview", MergeRequest(s))).ReadAsync<JsonElement>();
        Assert.Equal(2, preview.GetProperty("ending").GetArrayLength());
        Assert.Equal("11-13", preview.GetProperty("created")[0].GetProperty("fullName").GetString()!.Split(' ')[^1]);
        Assert.Equal(2, preview.GetProperty("edges").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("changeId").ValueKind);
        var afterPreview = await app.Database.SnapshotAsync();
        Assert.Equal(before.Keys, afterPreview.Keys);
        foreach (var table in before.Keys) Assert.True(before[table].SequenceEqual(afterPreview[table]), $"preview changed table {table}");

        var counts = await app.DbAsync(async db => (Changes: await db.UnitChanges.CountAsync(), Edges: await db.UnitLineages.CountAsync(), Audit: await db.AuditEntries.CountAsync()));
        var applied = await ApplyAsync(client, MergeRequest(s));
        var changeId = applied.GetProperty("changeId").GetInt32();
        var mergedId = applied.GetProperty("created")[0].GetProperty("id").GetInt32();
        await app.DbAsync(async db =>
        {
            Assert.Equal(counts.Changes + 1, await db.UnitChanges.CountAsync());
            var change = await db.UnitChanges.SingleAsync(c => c.Id == changeId);
            Assert.Equal((UnitChangeKind.Merge, ChangeDate, Decision, Demo.Admin), (change.Kind, change.EffectiveDate, change.LegalBasis, change.CreatedBy));
            var edges = await db.UnitLineages.Where(e => e.ChangeId == changeId).OrderBy(e => e.FromUnitId).ToListAsync();
            Assert.Equal(new[] { (s.Old11, mergedId, 1.0), (s.Old13, mergedId, 1.0) }, edges.Select(e => (e.FromUnitId, e.ToUnitId, e.Weight)));
            Assert.Equal(counts.Edges + 2, await db.UnitLineages.CountAsync());
            var audit = await db.AuditEntries.Where(a => a.Entity == nameof(Unit)).OrderBy(a => a.Id).Skip(counts.Audit - 0).ToListAsync();
            var newAudit = await db.AuditEntries.OrderBy(a => a.Id).Skip(counts.Audit).ToListAsync();
            Assert.Contains(newAudit, a => a.Action == "Insert" && a.EntityId == mergedId.ToString() && a.UserName == Demo.Admin);
            foreach (var old in new[] { s.Old11, s.Old13 })
            {
                var update = Assert.Single(newAudit, a => a.Action == "Update" && a.EntityId == old.ToString());
                Assert.Equal(Demo.Admin, update.UserName);
                Assert.Contains("\"ValidTo\":null", update.Before);
                Assert.Contains("\"ValidTo\":\"2026-12-01\"", update.After);
            }
        });
    }

    [DatabaseTheory]
    public async Task Invalid_changes_are_400_with_Vietnamese_field_errors(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await LoadAsync(app);
        var hanoi = await app.ClientForAsync(Demo.HanoiAdmin);
        var before = await app.DbAsync(db => db.UnitChanges.CountAsync());

        async Task<JsonElement> Errors(HttpClient client, object request)
        {
            var problem = await (await client.PostJsonAsync("/api/v1/unit-changes", request)).TypedProblemAsync(400);
            return problem.GetProperty("errors");
        }

        var noBasis = await Errors(hanoi, MergeRequest(s) with { LegalBasis = "  " });
        Assert.Contains("căn cứ pháp lý", noBasis.GetProperty("LegalBasis")[0].GetString());
        // The field left out of the JSON altogether.
        var omitted = await Errors(hanoi, new { kind = "Merge", effectiveDate = "2026-01-01", sourceIds = new[] { s.Old11, s.Old13 },
            targets = new[] { new { name = "11-13", kind = "ResidentialGroup", parentId = s.BoDe } } });
        Assert.Contains("căn cứ pháp lý", omitted.GetProperty("LegalBasis")[0].GetString());

        var badWeights = SplitRequest(s) with { Targets = [new NewUnit("14A", UnitKind.ResidentialGroup, null, s.BoDe, 0.5), new NewUnit("14B", UnitKind.ResidentialGroup, null, s.BoDe, 0.3)] };
        Assert.Contains("Tổng tỷ lệ", (await Errors(hanoi, badWeights)).GetProperty("Targets")[0].GetString());
        var zeroWeight = SplitRequest(s) with { Targets = [new NewUnit("14A", UnitKind.ResidentialGroup, null, s.BoDe, 0), new NewUnit("14B", UnitKind.ResidentialGroup, null, s.BoDe, 1)] };
        Assert.Contains("lớn hơn 0", (await Errors(hanoi, zeroWeight)).GetProperty("Targets")[0].GetString());

        // Hà Nội's administrator may not touch Tây Ninh's quarters.
        var (q1, q2, kienTuong) = await app.DbAsync(async db =>
        {
            var kt = await Demo.CurrentAsync(db, "DEMO-KIENTUONG");
            var quarters = await db.Units.Where(u => u.ParentId == kt.Id && u.ValidTo == null).OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToListAsync();
            return (quarters[0], quarters[1], kt.Id);
        });
        var outside = new UnitChangeRequest(UnitChangeKind.Merge, ChangeDate, Decision, null, [q1, q2], [new NewUnit("1-2", UnitKind.Quarter, null, kienTuong)]);
        var scopeErrors = await Errors(hanoi, outside);
        // Refused as "not yours" or as "not found in your scope" (which does not even confirm the unit exists).
        Assert.Matches("không có quyền|phạm vi bạn quản lý", scopeErrors.GetProperty("SourceIds")[0].GetString());
        Assert.Matches("không có quyền|phạm vi bạn quản lý", scopeErrors.GetProperty("Targets[0].ParentId")[0].GetString());
        // Same-level rule, ended sources, dates.
        Assert.Contains("đã kết thúc", (await Errors(hanoi, MergeRequest(s) with { SourceIds = [s.Orig13.Id, s.Old11] })).GetProperty("SourceIds")[0].GetString());
        Assert.True((await Errors(hanoi, MergeRequest(s) with { EffectiveDate = new DateOnly(2025, 1, 1) })).TryGetProperty("EffectiveDate", out _));
        // Ending the groups before their last recorded work would leave that work on units that no longer existed.
        Assert.Contains("đã có số liệu công tác ghi đến ngày 30/11/2026",
            (await Errors(hanoi, MergeRequest(s) with { EffectiveDate = new DateOnly(2026, 6, 1) })).GetProperty("EffectiveDate")[0].GetString());
        Assert.True((await Errors(hanoi, SplitRequest(s) with { Targets = [SplitRequest(s).Targets[0]] })).TryGetProperty("Targets", out _));

        // Tây Ninh's officer can read but not administer: 403.
        var officer = await app.ClientForAsync(Demo.KienTuongOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostJsonAsync("/api/v1/unit-changes", outside)).StatusCode);
        Assert.Equal(before, await app.DbAsync(db => db.UnitChanges.CountAsync()));
    }
}
