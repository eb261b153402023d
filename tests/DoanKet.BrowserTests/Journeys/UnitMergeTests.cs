using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// The Hà Nội unit admin merges two residential groups of phường Bồ Đề: preview first (nothing
/// changes), then apply, then the new group's page shows where it came from.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class UnitMergeTests(AppFixture app, ITestOutputHelper output)
{
    private const string LegalBasis = "Quyết định 25/QĐ-UBND (kiểm thử)";

    [BrowserFact]
    public async Task Unit_admin_merges_two_residential_groups_with_preview_then_sees_the_new_groups_history()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        var page = s.Page;

        // The ward's officer may not change the tree: no change actions on the group's page.
        await s.SignInAsync(Accounts.BoDeOfficer);
        await s.GotoAsync("/don-vi");
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Chi tiết Tổ dân phố 4", Exact = true }));
        await s.StepAsync("group 4 as the ward officer");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sáp nhập", Exact = true })).ToHaveCountAsync(0);

        // The city's unit admin: Hà Nội → phường Bồ Đề → tổ dân phố 4 → "Sáp nhập".
        await s.SignInAsync(Accounts.HanoiAdmin);
        await s.GotoAsync("/don-vi");
        await s.ClickAndWaitAsync(page.Locator("main ul.tree").GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true }));
        var boDeTree = new Uri(page.Url).PathAndQuery; // the tree rooted at the ward
        await s.StepAsync("Bo De tree before");
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Chi tiết Tổ dân phố 4", Exact = true }));
        var oldGroupUrl = new Uri(page.Url).AbsolutePath;
        await s.StepAsync("group 4 page");
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Sáp nhập", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tổ dân phố 4");
        await s.StepAsync("merge form");

        // Without an effective date the preview refuses, in Vietnamese, and offers no "Áp dụng".
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xem trước", Exact = true }));
        await s.StepAsync("preview without a date");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nhập ngày hiệu lực");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng", Exact = true })).ToHaveCountAsync(0);

        // Candidates are named with their ward: pick Bồ Đề's.
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { NameRegex = BoDeGroup("4") })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = BoDeGroup("5") }).CheckAsync();
        await page.GetByLabel("Ngày hiệu lực").FillAsync("2026-12-01"); // after the groups' last demo records (30/11/2026)
        await page.GetByLabel("Căn cứ pháp lý (số, ký hiệu văn bản)").FillAsync(LegalBasis);
        await page.GetByLabel("Tên (không kèm loại)").FillAsync("16");

        // Preview: what ends, what is created; nothing is written yet.
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xem trước", Exact = true }));
        await s.StepAsync("preview");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xem trước", Exact = true })).ToBeVisibleAsync();
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync(new Regex(@"Kết thúc \(2\):\s*Tổ dân phố 4, Tổ dân phố 5"));
        await Assertions.Expect(main).ToContainTextAsync(new Regex(@"Phiên bản mới \(1\):\s*Tổ dân phố 16 — Phường Bồ Đề"));
        var apply = page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng", Exact = true });
        await Assertions.Expect(apply).ToBeVisibleAsync();

        var other = await s.Context.NewPageAsync();
        await other.GotoAsync(boDeTree);
        var treeBefore = other.Locator("main ul.tree");
        await Assertions.Expect(treeBefore.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 4", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(treeBefore.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 16", Exact = true })).ToHaveCountAsync(0);
        await other.CloseAsync();

        // Apply: the new group's page, with where it came from and on what basis.
        await apply.ClickAsync();
        // Applying a merge moves the groups' totals in one transaction: under a loaded CI machine it can take longer than
        // the default 15 s wait (speed is measured by bench, not here).
        await page.WaitForURLAsync(new Regex(@"/don-vi/\d+$"), new() { Timeout = 60_000 });
        await s.StepAsync("new group page");
        Assert.NotEqual(oldGroupUrl, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tổ dân phố 16");

        var history = page.Locator("main table").Filter(new() { HasText = "Căn cứ" }).First;
        foreach (var source in new[] { "Tổ dân phố 4", "Tổ dân phố 5" })
        {
            var row = history.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = source, Exact = true }) });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("01/12/2026");
            await Assertions.Expect(row).ToContainTextAsync("Sáp nhập");
            await Assertions.Expect(row).ToContainTextAsync(LegalBasis);
        }
        // The audit trail names who did it.
        await Assertions.Expect(main.Locator("table").Filter(new() { HasText = "Người" }).Last).ToContainTextAsync(Accounts.HanoiAdmin);

        // The old group has ended and points to its successor.
        await s.ClickAndWaitAsync(history.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 4", Exact = true }));
        await s.StepAsync("old group 4 page");
        Assert.Equal(oldGroupUrl, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("đã kết thúc");
        await Assertions.Expect(main).ToContainTextAsync(new Regex(@"Nay thuộc:\s*Tổ dân phố 16"));

        // Today's tree: 16 instead of 4 and 5.
        await s.GotoAsync(boDeTree);
        await s.StepAsync("Bo De tree after merge");
        var tree = page.Locator("main ul.tree");
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 16", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 4", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Tổ dân phố 5", Exact = true })).ToHaveCountAsync(0);
    }

    private static Regex BoDeGroup(string number) => new($@"^\s*Tổ dân phố {number} \(Phường Bồ Đề\)");
}
