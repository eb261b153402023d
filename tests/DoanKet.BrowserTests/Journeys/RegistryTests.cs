using System.Globalization;
using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// The ward officer of phường Bồ Đề keeps the roster of the ward's Front committee: opens (or creates)
/// the committee from the ward's page, adds a member, co-opts a second person at a conference, and
/// sees the composition count both; the page fits a 360-px phone.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class RegistryTests(AppFixture app, ITestOutputHelper output)
{
    private const string NewMember = "Nguyễn Thị Kiểm Thử";
    private const string CoOpted = "Trần Văn Hiệp Thương";
    private const string Conference = "Hội nghị Ủy ban lần thứ hai (kiểm thử)";

    [BrowserFact]
    public async Task Ward_officer_adds_a_member_co_opts_another_at_a_conference_and_sees_the_composition_change()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        var page = s.Page;
        await s.SignInAsync(Accounts.BoDeOfficer);
        var orgUrl = await OpenWardCommitteeAsync(s);
        await s.StepAsync("committee before");
        var before = await MembersAsync(page);

        // A member without a name: refused next to the field, in Vietnamese, and nothing is saved.
        await page.GetByText("Thêm thành viên", new() { Exact = true }).First.ClickAsync();
        var memberForm = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên", Exact = true }) });
        await memberForm.GetByLabel("Năm sinh", new() { Exact = true }).FillAsync("1998");
        await s.ClickAndWaitAsync(memberForm.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên", Exact = true }));
        await s.StepAsync("member without a name");
        memberForm = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên", Exact = true }) });
        await Assertions.Expect(memberForm.Locator(".field-error").Filter(new() { HasText = "Nhập họ tên" })).ToBeVisibleAsync();
        await Assertions.Expect(memberForm.Locator(".field-error").Filter(new() { HasText = "Chọn giới tính" })).ToBeVisibleAsync();
        await Assertions.Expect(memberForm.GetByLabel("Năm sinh", new() { Exact = true })).ToHaveValueAsync("1998");
        Assert.Equal(before, await MembersAsync(page));

        // Add a member (new person, woman, under 30).
        await memberForm.GetByLabel("Họ tên", new() { Exact = true }).FillAsync(NewMember);
        await memberForm.GetByLabel("Giới tính", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await memberForm.GetByLabel("Chức danh", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ủy viên" });
        await memberForm.GetByLabel("Quyết định (số, ký hiệu)", new() { Exact = true }).FillAsync("15/QĐ-MTTQ");
        await s.ClickAndWaitAsync(memberForm.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên", Exact = true }));
        await s.StepAsync("member added");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Đã thêm {NewMember}");
        Assert.Equal(before + 1, await MembersAsync(page));
        var members = page.Locator("main table.members");
        await Assertions.Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = NewMember })).ToContainTextAsync("15/QĐ-MTTQ");

        // Co-opt a second person at a conference: 20 present, 20 for.
        await page.GetByText("Hiệp thương bổ sung, miễn nhiệm tại hội nghị", new() { Exact = true }).ClickAsync();
        var coopt = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Ghi kết quả hội nghị", Exact = true }) });
        await coopt.GetByLabel("Hội nghị", new() { Exact = true }).FillAsync(Conference);
        await coopt.GetByLabel("Số có mặt", new() { Exact = true }).FillAsync("20");
        await coopt.GetByLabel("Tán thành", new() { Exact = true }).FillAsync("20");
        await coopt.GetByLabel("Không tán thành", new() { Exact = true }).FillAsync("0");
        await coopt.GetByLabel("Số quyết định", new() { Exact = true }).FillAsync("16/QĐ-MTTQ");
        await coopt.GetByLabel("Họ tên người thứ 1", new() { Exact = true }).FillAsync(CoOpted);
        await coopt.GetByLabel("Giới tính người thứ 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nam" });
        await coopt.GetByLabel("Năm sinh người thứ 1", new() { Exact = true }).FillAsync("1975");
        await s.StepAsync("co-option form filled");

        // Half of those present is not enough: refused next to "Tán thành", nothing saved, the form keeps what was typed.
        await coopt.GetByLabel("Tán thành", new() { Exact = true }).FillAsync("10");
        await s.ClickAndWaitAsync(coopt.GetByRole(AriaRole.Button, new() { Name = "Ghi kết quả hội nghị", Exact = true }));
        await s.StepAsync("co-option without a majority");
        await Assertions.Expect(coopt.Locator(".field-error").Filter(new() { HasText = "Chưa đủ quá nửa đại biểu có mặt tán thành (10/20)" })).ToBeVisibleAsync();
        await Assertions.Expect(coopt.GetByLabel("Họ tên người thứ 1", new() { Exact = true })).ToHaveValueAsync(CoOpted);
        Assert.Equal(before + 1, await MembersAsync(page));
        await Assertions.Expect(page.Locator("main .cooption").Filter(new() { HasText = Conference })).ToHaveCountAsync(0);

        await coopt.GetByLabel("Tán thành", new() { Exact = true }).FillAsync("20");
        await s.ClickAndWaitAsync(coopt.GetByRole(AriaRole.Button, new() { Name = "Ghi kết quả hội nghị", Exact = true }));
        await s.StepAsync("co-opted");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("20/20 tán thành, 100 %");
        Assert.Equal(before + 2, await MembersAsync(page));
        await Assertions.Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = CoOpted })).ToContainTextAsync("16/QĐ-MTTQ");
        var history = page.Locator("main .cooption").Filter(new() { HasText = Conference });
        await Assertions.Expect(history).ToContainTextAsync("tán thành 20 (100 %)");
        await Assertions.Expect(history).ToContainTextAsync($"Bổ sung: {CoOpted} (Ủy viên)");

        // The day before, neither of them was a member (composition by date).
        var yesterday = AppFixture.Day(-1);
        await s.GotoAsync($"{orgUrl}?at={yesterday}");
        await s.StepAsync("composition the day before");
        Assert.Equal(before, await MembersAsync(page));

        // The new member steps down from tomorrow: today's composition keeps them, tomorrow's does not.
        var tomorrow = AppFixture.Day(1);
        await s.GotoAsync(orgUrl);
        await page.GetByText("Thôi giữ chức danh", new() { Exact = true }).ClickAsync();
        var end = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Ghi thôi giữ chức", Exact = true }) });
        await end.GetByLabel("Người thôi giữ chức", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{NewMember} — Ủy viên" });
        await end.GetByLabel("Thôi từ ngày", new() { Exact = true }).FillAsync(tomorrow);
        await end.GetByLabel("Quyết định thôi giữ chức", new() { Exact = true }).FillAsync("17/QĐ-MTTQ");
        await s.ClickAndWaitAsync(end.GetByRole(AriaRole.Button, new() { Name = "Ghi thôi giữ chức", Exact = true }));
        await s.StepAsync("member steps down tomorrow");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{NewMember} thôi giữ chức Ủy viên");
        Assert.Equal(before + 2, await MembersAsync(page));
        await s.GotoAsync($"{orgUrl}?at={tomorrow}");
        Assert.Equal(before + 1, await MembersAsync(page));
        await Assertions.Expect(page.Locator("main table.members")).Not.ToContainTextAsync(NewMember);

        // A 360-px phone: no sideways scroll, with every form unfolded too.
        await using var phone = await BrowserSession.OpenAsync(app, output, who: "phone", width: 360, height: 740);
        await phone.SignInAsync(Accounts.BoDeOfficer);
        await phone.GotoAsync(orgUrl);
        await phone.StepAsync("committee 360px");
        Assert.True(await phone.ScrollWidthAsync() <= 360, $"{orgUrl}: scrollWidth {await phone.ScrollWidthAsync()} > 360");
        await phone.Page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await phone.StepAsync("committee 360px forms open");
        Assert.True(await phone.ScrollWidthAsync() <= 360, $"{orgUrl} (forms open): scrollWidth {await phone.ScrollWidthAsync()} > 360");
    }

    [BrowserFact]
    public async Task Standing_board_is_created_under_the_committee_and_other_accounts_cannot_change_the_roster()
    {
        await using var s = await BrowserSession.OpenAsync(app, output, who: "bode");
        var page = s.Page;
        await s.SignInAsync(Accounts.BoDeOfficer);
        var committeeUrl = await OpenWardCommitteeAsync(s);
        var committee = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();

        // The create page: a Standing Board without its committee is refused next to the field.
        await s.ClickAndWaitAsync(page.Locator("main p.small").GetByRole(AriaRole.Link).First);
        var wardUrl = new Uri(page.Url).AbsolutePath;
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thêm tổ chức", Exact = true }));
        var createUrl = new Uri(page.Url).AbsolutePath;
        Assert.Equal(wardUrl + "/to-chuc/them", createUrl);
        await page.GetByLabel("Loại tổ chức", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ban Thường trực" });
        await page.GetByLabel("Thuộc Ủy ban (chỉ với Ban Thường trực)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "— không —" });
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tạo tổ chức", Exact = true }));
        await s.StepAsync("standing board without committee");
        await Assertions.Expect(page.Locator(".field-error").Filter(new() { HasText = "Ban Thường trực thuộc Ủy ban MTTQ" })).ToBeVisibleAsync();

        await page.GetByLabel("Thuộc Ủy ban (chỉ với Ban Thường trực)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = committee });
        await page.GetByLabel("Tên (bỏ trống: loại + tên đơn vị)", new() { Exact = true }).FillAsync("Ban Thường trực (kiểm thử)");
        await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tạo tổ chức", Exact = true }));
        await s.StepAsync("standing board created");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tạo Ban Thường trực (kiểm thử)");
        await Assertions.Expect(page.Locator("main dl.facts").First.GetByRole(AriaRole.Link, new() { Name = committee, Exact = true })).ToBeVisibleAsync();
        await s.GotoAsync(wardUrl);
        await Assertions.Expect(page.Locator("main ul.orgs").GetByRole(AriaRole.Link, new() { Name = "Ban Thường trực (kiểm thử)", Exact = true })).ToBeVisibleAsync();

        // Every organisation of the ward opens (member organisations show their membership counts) and passes axe.
        var links = await page.Locator("main ul.orgs a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        foreach (var href in links)
        {
            Assert.Equal(200, (await s.GotoAsync(href))!.Status);
            await s.StepAsync("organisation " + href);
        }

        // Another ward's officer: not found, neither the roster nor the create page.
        await using var kt = await BrowserSession.OpenAsync(app, output, who: "kientuong");
        await kt.SignInAsync(Accounts.KienTuongOfficer);
        foreach (var url in new[] { committeeUrl, createUrl })
        {
            var response = await kt.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            Assert.DoesNotContain("Bồ Đề", await kt.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        }
        await kt.StepAsync("committee from Kien Tuong");

        // The city's reviewer reads the roster but gets no forms, and the create page is refused.
        await using var reviewer = await BrowserSession.OpenAsync(app, output, who: "reviewer");
        await reviewer.SignInAsync(Accounts.HanoiReviewer);
        Assert.Equal(200, (await reviewer.GotoAsync(committeeUrl))!.Status);
        await reviewer.StepAsync("committee as reviewer");
        await Assertions.Expect(reviewer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ủy ban MTTQ");
        await Assertions.Expect(reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "Ghi kết quả hội nghị", Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(403, (await reviewer.GotoAsync(createUrl))!.Status);
        await reviewer.StepAsync("create page as reviewer");
    }

    /// <summary>Ward page → "Tổ chức" → the Ủy ban MTTQ; created through the create page when the demo has none.</summary>
    private static async Task<string> OpenWardCommitteeAsync(BrowserSession s)
    {
        var page = s.Page;
        await s.GotoAsync("/don-vi");
        await s.ClickAndWaitAsync(page.Locator("main ul.tree").GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true }).First);
        await s.StepAsync("ward page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = OrganisationsHeading() })).ToBeVisibleAsync();
        var committee = page.Locator("main ul.orgs").GetByRole(AriaRole.Link, new() { NameRegex = CommitteeName() });
        if (await committee.CountAsync() > 0)
        {
            await s.ClickAndWaitAsync(committee.First);
        }
        else
        {
            await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Thêm tổ chức", Exact = true }));
            await page.GetByLabel("Loại tổ chức", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ủy ban MTTQ" });
            await s.StepAsync("create committee");
            await s.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tạo tổ chức", Exact = true }));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tạo Ủy ban MTTQ");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ủy ban MTTQ");
        Assert.Matches(OrganisationPath(), new Uri(page.Url).AbsolutePath);
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task<int> MembersAsync(IPage page) =>
        int.Parse((await page.Locator("#composition-members").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Tổ chức \(\d+\)$")]
    private static partial Regex OrganisationsHeading();

    [GeneratedRegex(@"^Ủy ban MTTQ")]
    private static partial Regex CommitteeName();

    [GeneratedRegex(@"^/to-chuc/\d+$")]
    private static partial Regex OrganisationPath();
}
