using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// Bồ Đề's officer records a bank transfer to the For the Poor fund and prints its receipt, then records a
/// support payment to a household; a citizen on a 360-px phone finds the transfer on the public page by
/// typing the donor's name without diacritics, sees the account masked and the household's name shortened.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FundsJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;
    private const string Fund = "Quỹ “Vì người nghèo” phường Bồ Đề";

    [BrowserFact]
    public async Task Officer_records_a_contribution_and_a_disbursement_and_a_citizen_finds_them_on_a_phone()
    {
        await using (var desk = await BrowserSession.OpenAsync(app, output, who: "bode"))
        {
            var page = desk.Page;
            await desk.SignInAsync(Accounts.BoDeOfficer);
            await desk.GotoAsync("/quy");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = Fund, Exact = true }));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Fund);
            await desk.StepAsync("fund page");

            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Ghi thu (đóng góp)" }));
            await page.GetByLabel("Tên hiển thị", new() { Exact = false }).FillAsync("Đặng Thị Hồng Nhung");
            await page.GetByLabel("Chuyển khoản", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Số tiền, hoặc giá trị quy đổi", new() { Exact = false }).FillAsync("750000");
            // A transfer without its reference is refused next to the field, and what was typed stays.
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ quỹ" }));
            await Assertions.Expect(page.Locator(".field-error").Filter(new() { HasText = "mã giao dịch" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Tên hiển thị", new() { Exact = false })).ToHaveValueAsync("Đặng Thị Hồng Nhung");
            await desk.StepAsync("contribution refused without reference");
            await page.GetByLabel("Mã giao dịch (chuyển khoản)", new() { Exact = true }).FillAsync("FT-TRINHDUYET-1");
            await page.GetByLabel("Số tài khoản người chuyển", new() { Exact = false }).FillAsync("0987654321");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ quỹ" }));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi khoản thu");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("750.000 đồng");
            await desk.StepAsync("contribution saved");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "In biên nhận" }));
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Bằng chữ: Bảy trăm năm mươi nghìn đồng");
            await desk.StepAsync("receipt", checkAccessibility: false);

            await desk.GotoAsync("/quy");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = Fund, Exact = true }));
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Ghi chi hỗ trợ" }));
            await page.GetByLabel("Họ tên chủ hộ", new() { Exact = false }).FillAsync("Lương Văn Khải");
            await page.GetByLabel("Tổ dân phố, thôn của người nhận", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tổ dân phố 3" });
            await page.GetByLabel("Diện", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hộ nghèo" });
            await page.GetByLabel("Số người", new() { Exact = true }).FillAsync("3");
            await page.GetByLabel("Số tiền (đồng)", new() { Exact = true }).FillAsync("1500000");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ quỹ" }));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi vào sổ quỹ");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("Lương Văn Khải");
            await desk.StepAsync("disbursement saved");
        }

        await using var phone = await BrowserSession.OpenAsync(app, output, who: "citizen", width: Phone, height: 740);
        var p = phone.Page;
        await phone.GotoAsync("/cong-khai/quy");
        await phone.StepAsync("public funds 360px");
        await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = Fund, Exact = true }));
        await p.GetByLabel("Tên người, đơn vị ủng hộ", new() { Exact = false }).FillAsync("dang thi hong nhung");
        await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }));
        var rows = p.Locator("main table").First.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Đặng Thị Hồng Nhung");
        await Assertions.Expect(rows.First).ToContainTextAsync("750.000");
        await Assertions.Expect(rows.First).ToContainTextAsync("*******321");
        await Assertions.Expect(p.Locator("main")).Not.ToContainTextAsync("0987654321");
        await phone.StepAsync("contribution found without diacritics 360px");
        Assert.True(await phone.ScrollWidthAsync() <= Phone, "the public fund page scrolls sideways at 360 px");

        await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Chi hỗ trợ", Exact = true }));
        await Assertions.Expect(p.Locator("main table").First).ToContainTextAsync("Lương V. K.");
        await Assertions.Expect(p.Locator("main")).Not.ToContainTextAsync("Lương Văn Khải");
        await phone.StepAsync("disbursements masked 360px");
        Assert.True(await phone.ScrollWidthAsync() <= Phone, "the disbursements scroll sideways at 360 px");
    }
}
