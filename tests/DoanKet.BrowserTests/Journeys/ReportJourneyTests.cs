using System.Globalization;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// On a phone, Bồ Đề's officer writes the last quarter's report and sends it up; at a desk, the city's administrator finds
/// it waiting, cannot return it without saying why, and approves it — then it is locked.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;

    [BrowserFact]
    public async Task A_ward_writes_and_submits_its_quarterly_report_on_a_phone_and_the_city_approves_it_at_a_desk()
    {
        var today = DateOnly.FromDateTime(AppFixture.Start.DateTime);
        var quarter = (today.Month - 1) / 3 + 1;
        var (year, last) = quarter == 1 ? (today.Year - 1, 4) : (today.Year, quarter - 1);
        var period = string.Create(CultureInfo.InvariantCulture, $"{year}Q{last}");

        await using (var ward = await BrowserSession.OpenAsync(app, output, who: "bode-report", width: Phone, height: 740))
        {
            var p = ward.Page;
            await ward.SignInAsync(Accounts.BoDeOfficer);
            await ward.GotoAsync($"/bao-cao?period={period}");
            await ward.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Soạn báo cáo kỳ này để nộp cấp trên" }));
            await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Đang soạn");

            // Sent up before the officers have written their parts: refused, with what to write.
            await ward.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo lên cấp trên" }));
            await Assertions.Expect(p.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Viết phần I. Đặc điểm tình hình trước khi nộp.");
            await ward.StepAsync("report refused 360px");

            await p.GetByLabel("I. ĐẶC ĐIỂM TÌNH HÌNH").FillAsync("Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn phường ổn định.");
            await p.GetByLabel("III. ĐÁNH GIÁ CHUNG").FillAsync("Hoàn thành các nhiệm vụ trọng tâm của quý.");
            await p.GetByLabel("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI").FillAsync("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư.");
            await ward.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }));
            await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu báo cáo.");
            await ward.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo lên cấp trên" }));
            await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nộp báo cáo lên cấp trên.");
            await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Đã nộp, chờ duyệt");
            await Assertions.Expect(p.Locator("main")).ToContainTextAsync("/BC-MTTQ");
            await Assertions.Expect(p.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo lên cấp trên" })).ToHaveCountAsync(0);
            await ward.StepAsync("report submitted 360px");
            Assert.True(await ward.ScrollWidthAsync() <= Phone, "the report page scrolls sideways at 360 px");
        }

        await using var city = await BrowserSession.OpenAsync(app, output, who: "hanoi-review", width: 1280, height: 900);
        var c = city.Page;
        await city.SignInAsync(Accounts.HanoiAdmin);
        await city.GotoAsync($"/bao-cao/duyet?period={period}");
        var waiting = c.GetByRole(AriaRole.Link, new() { Name = $"Phường Bồ Đề — {period}" });
        await Assertions.Expect(waiting).ToBeVisibleAsync();
        await city.StepAsync("reports waiting desktop");
        await city.ClickAndWaitAsync(waiting);
        await city.ClickAndWaitAsync(c.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" }));
        await Assertions.Expect(c.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Nhập lý do trả lại và nội dung cần sửa.");
        await c.GetByLabel("Nhận xét (bắt buộc khi trả lại)").FillAsync("Báo cáo đầy đủ, đúng thời hạn.");
        await city.ClickAndWaitAsync(c.GetByRole(AriaRole.Button, new() { Name = "Duyệt báo cáo" }));
        await Assertions.Expect(c.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã duyệt báo cáo: báo cáo được khóa.");
        await Assertions.Expect(c.Locator("main")).ToContainTextAsync("Đối chiếu số liệu đã nộp");
        await Assertions.Expect(c.GetByRole(AriaRole.Button, new() { Name = "Duyệt báo cáo" })).ToHaveCountAsync(0);
        await city.StepAsync("report approved desktop");
    }
}
