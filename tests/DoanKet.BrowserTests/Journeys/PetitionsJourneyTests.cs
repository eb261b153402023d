using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// A citizen on a 360-px phone sends a petition to phường Bồ Đề and gets a tracking code; the ward's officer
/// classifies it, forwards it to the ward's People's Committee, records the answer, checks it against the
/// petition and publishes it; the citizen reads the answer by code, and the petitioner's name is nowhere public.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PetitionsJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;
    private const string Content = "Cống thoát nước đầu ngõ 12 phố Bồ Đề bị vỡ nắp, rất nguy hiểm cho trẻ em đi học";
    private const string Answer = "UBND phường đã thay nắp cống mới và rào chắn tạm trong ngày; tổ dân phố theo dõi thường xuyên.";

    [BrowserFact]
    public async Task A_citizen_submits_on_a_phone_an_officer_forwards_checks_and_publishes_and_the_citizen_reads_the_answer_by_code()
    {
        string code;
        await using (var phone = await BrowserSession.OpenAsync(app, output, who: "citizen-petition", width: Phone, height: 740))
        {
            var p = phone.Page;
            await phone.GotoAsync("/gop-y");
            await p.GetByLabel("Tên xã, phường").FillAsync("bo de");
            await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }));
            await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true }));
            await p.GetByLabel("Lĩnh vực").SelectOptionAsync(new SelectOptionValue { Label = "Hạ tầng, đường, điện, nước, thoát nước" });
            await p.GetByLabel("Nội dung (sự việc, địa điểm, đề nghị)").FillAsync(Content);
            // Without a name (and not anonymous) the form says what to fix and keeps the text.
            await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }));
            await Assertions.Expect(p.Locator(".field-error").Filter(new() { HasText = "Nhập họ tên người gửi" })).ToBeVisibleAsync();
            await Assertions.Expect(p.GetByLabel("Nội dung (sự việc, địa điểm, đề nghị)")).ToHaveValueAsync(Content);
            await phone.StepAsync("form needs a name 360px");
            Assert.True(await phone.ScrollWidthAsync() <= Phone, "the petition form scrolls sideways at 360 px");
            await p.GetByLabel("Họ và tên").FillAsync("Mạc Thị Phản Ánh");
            await p.GetByLabel("Điện thoại hoặc thư điện tử").FillAsync("0912 000 555");
            await phone.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }));
            await Assertions.Expect(p.GetByRole(AriaRole.Status).First).ToContainTextAsync("Mã theo dõi");
            code = (await p.Locator(".code").InnerTextAsync()).Trim();
            Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}$", code);
            await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Mới tiếp nhận");
            await phone.StepAsync("code given 360px");
        }

        await using (var desk = await BrowserSession.OpenAsync(app, output, who: "bode-petition"))
        {
            var page = desk.Page;
            await desk.SignInAsync(Accounts.BoDeOfficer);
            await desk.GotoAsync("/y-kien?q=" + code);
            await desk.StepAsync("worklist");
            await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = Content[..40], Exact = false }));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Mạc Thị Phản Ánh");

            async Task StepAsync(string action, Func<Task> fill)
            {
                await page.Locator("summary", new() { HasText = action }).ClickAsync();
                await fill();
                await desk.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }));
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi");
            }
            await StepAsync("Phân loại", () => page.GetByLabel("Thẩm quyền", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Cấp xã" }));
            await StepAsync("Chuyển cơ quan có thẩm quyền", () => page.GetByLabel("Cơ quan nhận", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "UBND phường Bồ Đề" }));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Đã chuyển: UBND phường Bồ Đề");
            await desk.StepAsync("forwarded");
            await StepAsync("Ghi nội dung trả lời", async () =>
            {
                await page.GetByLabel("Nội dung trả lời", new() { Exact = true }).FillAsync(Answer);
                await page.GetByLabel("Văn bản trả lời", new() { Exact = true }).FillAsync("Công văn số 301/UBND-QLĐT");
            });
            await StepAsync("Xác nhận trả lời đúng nội dung", () => page.GetByLabel("Tóm tắt ý kiến để công khai").FillAsync("Nắp cống đầu ngõ 12 phố Bồ Đề bị vỡ"));
            await StepAsync("Công khai trả lời", () => Task.CompletedTask);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Đã công khai trả lời");
            await desk.StepAsync("published");

            // The worklist on the officer's phone: overdue items flagged, nothing scrolls sideways but the table itself.
            await page.SetViewportSizeAsync(Phone, 740);
            await desk.GotoAsync("/y-kien");
            await Assertions.Expect(page.Locator("tr.overdue").First).ToContainTextAsync("Quá hạn");
            await desk.StepAsync("worklist 360px");
            Assert.True(await desk.ScrollWidthAsync() <= Phone, "the petition list scrolls sideways at 360 px");
        }

        await using var citizen = await BrowserSession.OpenAsync(app, output, who: "citizen-answer", width: Phone, height: 740);
        var c = citizen.Page;
        await citizen.GotoAsync("/gop-y/tra-cuu");
        await c.GetByLabel("Mã theo dõi").FillAsync(code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        await citizen.ClickAndWaitAsync(c.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }));
        await Assertions.Expect(c.Locator("main")).ToContainTextAsync(Answer);
        await Assertions.Expect(c.Locator("main")).ToContainTextAsync("Công văn số 301/UBND-QLĐT");
        await Assertions.Expect(c.Locator("main")).Not.ToContainTextAsync("Mạc Thị Phản Ánh");
        await citizen.StepAsync("answer by code 360px");
        Assert.True(await citizen.ScrollWidthAsync() <= Phone, "the tracking page scrolls sideways at 360 px");
        await citizen.GotoAsync("/gop-y/tra-loi?q=nap%20cong%20ngo%2012");
        await Assertions.Expect(c.Locator("main")).ToContainTextAsync(Answer);
        await Assertions.Expect(c.Locator("main")).Not.ToContainTextAsync("Mạc Thị Phản Ánh");
        await citizen.StepAsync("published answers 360px");
    }
}
