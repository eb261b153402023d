using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// On a 360-px phone, Bồ Đề's officer adds a supervision to this year's plan, starts it, records a recommendation and
/// its resolution; then records feedback on a draft with a comment the drafting body did not accept, explained.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SupervisionJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;
    private const string Title = "Giám sát việc quản lý bãi trông giữ xe tại khu tập thể";

    [BrowserFact]
    public async Task An_officer_plans_a_supervision_follows_its_recommendation_to_resolution_and_records_a_drafts_feedback_on_a_phone()
    {
        await using var s = await BrowserSession.OpenAsync(app, output, who: "bode-supervision", width: Phone, height: 740);
        var p = s.Page;
        await s.SignInAsync(Accounts.BoDeOfficer);
        await s.GotoAsync("/giam-sat");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Giám sát việc thu gom, vận chuyển rác thải sinh hoạt");
        await s.StepAsync("plan 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the supervision plan scrolls sideways at 360 px");

        await p.Locator("summary", new() { HasText = "Thêm cuộc giám sát vào kế hoạch" }).ClickAsync();
        await p.GetByLabel("Nội dung giám sát").FillAsync(Title);
        await p.GetByLabel("Đối tượng được giám sát").FillAsync("Ban quản trị khu tập thể");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }));
        await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm cuộc giám sát");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Trong kế hoạch");

        // Started: ending now without findings is refused, with the reason beside the field.
        var start = AppFixture.Day(-7);
        await p.Locator("summary", new() { HasText = "Sửa, cập nhật tình trạng" }).ClickAsync();
        await p.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Đã kết thúc" });
        await p.GetByLabel("Ngày bắt đầu").FillAsync(start);
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }));
        await Assertions.Expect(p.Locator(".field-error").Filter(new() { HasText = "Ghi kết quả giám sát" })).ToBeVisibleAsync();
        await s.StepAsync("ending needs findings 360px");
        await p.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Đang giám sát" });
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }));
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Đang giám sát");

        await p.Locator("summary", new() { HasText = "Ghi kiến nghị" }).ClickAsync();
        await p.GetByLabel("Nội dung kiến nghị").FillAsync("Bố trí lối thoát hiểm, bình chữa cháy tại bãi xe");
        await p.GetByLabel("Kiến nghị với").FillAsync("Ban quản trị khu tập thể");
        await p.GetByLabel("Ngày kiến nghị").FillAsync(start);
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Ghi kiến nghị" }));
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("0/1 đã giải quyết");

        await p.Locator("summary", new() { HasText = "Cập nhật trả lời, kết quả" }).ClickAsync();
        var today = AppFixture.Day();
        await p.GetByLabel("Tình trạng", new() { Exact = true }).Nth(0).SelectOptionAsync(new SelectOptionValue { Label = "Đã giải quyết" });
        await p.GetByLabel("Ngày trả lời").FillAsync(today);
        await p.GetByLabel("Ngày giải quyết xong").FillAsync(today);
        await p.GetByLabel("Nội dung trả lời, kết quả thực hiện").FillAsync("Đã lắp 4 bình chữa cháy và mở lối thoát hiểm phía sau.");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).First);
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("1/1 đã giải quyết");
        await s.StepAsync("recommendation resolved 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "a supervision's page scrolls sideways at 360 px");

        await s.GotoAsync("/phan-bien");
        await p.Locator("summary", new() { HasText = "Ghi hội nghị phản biện hoặc góp ý dự thảo" }).ClickAsync();
        await p.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = "Góp ý dự thảo văn bản" });
        await p.GetByLabel("Ngày", new() { Exact = true }).FillAsync(start);
        await p.GetByLabel("Dự thảo văn bản").FillAsync("Dự thảo Quy chế quản lý bãi trông giữ xe của phường");
        await p.GetByLabel("Cơ quan soạn thảo").FillAsync("UBND phường Bồ Đề");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Ghi", Exact = true }));
        await p.Locator("summary", new() { HasText = "Ghi ý kiến" }).ClickAsync();
        await p.GetByLabel("Nội dung ý kiến").FillAsync("Miễn phí trông xe cho người khuyết tật");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Ghi ý kiến" }));
        await p.Locator("summary", new() { HasText = "Ghi phản hồi của cơ quan soạn thảo" }).ClickAsync();
        await p.GetByLabel("Phản hồi", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Không tiếp thu (có giải trình)" });
        await p.GetByLabel("Ngày phản hồi").FillAsync(today);
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu phản hồi" }));
        await Assertions.Expect(p.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ghi giải trình của cơ quan soạn thảo");
        await p.Locator("summary", new() { HasText = "Ghi phản hồi của cơ quan soạn thảo" }).ClickAsync();
        await p.GetByLabel("Phản hồi", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Không tiếp thu (có giải trình)" });
        await p.GetByLabel("Ngày phản hồi").FillAsync(today);
        await p.GetByLabel("Giải trình (bắt buộc khi không tiếp thu hoặc tiếp thu một phần)").FillAsync("Đã có chính sách miễn phí của thành phố, không quy định lại.");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu phản hồi" }));
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Đã có chính sách miễn phí của thành phố");
        await s.StepAsync("draft feedback 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "a draft's feedback page scrolls sideways at 360 px");

        // The year's review report states the boards' work, computed from these records.
        await s.GotoAsync("/so-lieu?period=2026");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Báo cáo tổng kết kỳ này" }));
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Tổng kết công tác Mặt trận năm 2026");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Ban Thanh tra nhân dân giám sát 02 vụ việc");
        await s.StepAsync("year report 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the report page scrolls sideways at 360 px");
    }
}
