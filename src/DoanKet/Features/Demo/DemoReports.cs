using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// Stored reports of the demo: Sài Đồng's first quarter of 2023 as seed 001 tells it (situation, the nine tasks for
/// quarter II), approved by the district; and Bồ Đề's second half of 2025 waiting for the city, with the city's deadline.
/// The figures are computed from the demo records, as a submission would freeze them.
/// </summary>
public sealed class DemoReports(AppDb db)
{
    private const string By = "demo";

    private const string SaiDongSituation =
        "Quý I năm 2023, Ủy ban MTTQ phường Sài Đồng luôn nhận được sự quan tâm hướng dẫn của Quận, sự lãnh đạo, chỉ đạo của Đảng ủy, sự tạo điều kiện của chính quyền, "
        + "sự phối hợp của các ban, ngành, đoàn thể phường và sự ủng hộ của các tầng lớp nhân dân.\n"
        + "Thực hiện chủ đề công tác năm 2023 “Năm chỉnh trang đô thị, chăm lo đời sống người dân”, Mặt trận phường đã hướng dẫn các tổ chức thành viên, tổ dân phố xây dựng các mô hình thực hiện chủ đề năm.";

    private const string SaiDongTasks =
        "1. Tăng cường công tác tuyên truyền, vận động, thực hiện kế hoạch của Đảng ủy về giữ vững phường văn minh đô thị gắn với chủ đề chỉnh trang đô thị, chăm lo đời sống nhân dân.\n"
        + "2. Phối hợp với các tổ chức thành viên tuyên truyền Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”, vận động thu quỹ “Vì người nghèo” năm 2023.\n"
        + "3. Tuyên truyền kỷ niệm ngày giải phóng miền Nam, thống nhất đất nước, ngày Quốc tế lao động, ngày chiến thắng Điện Biên Phủ, ngày sinh Chủ tịch Hồ Chí Minh.\n"
        + "4. Phối hợp với UBND tổng kết 20 năm Ngày hội Đại đoàn kết toàn dân tộc.\n"
        + "5. Giám sát việc thực hiện Nghị quyết Trung ương 4, Chỉ thị 05 của Bộ Chính trị và bộ quy tắc ứng xử nơi công cộng.\n"
        + "6. Phối hợp với UBND xây dựng, triển khai kế hoạch vận động quỹ “Đền ơn đáp nghĩa” năm 2023; đánh giá kết quả thực hiện chủ đề năm.\n"
        + "7. Tổ chức hội nghị phản biện xã hội vào dự thảo báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội, quốc phòng – an ninh 6 tháng đầu năm 2023; phối hợp tổ chức thi trưởng Ban Công tác Mặt trận giỏi.\n"
        + "8. Tiếp tục giám sát cán bộ, đảng viên, công chức, viên chức tại UBND phường và việc thực hiện quy chế dân chủ ở cơ sở; đánh giá kết quả thi đua 6 tháng đầu năm đối với các Ban Công tác Mặt trận.\n"
        + "9. Sơ kết công tác Mặt trận quý II năm 2023, triển khai nhiệm vụ trọng tâm quý III năm 2023.";

    public async Task LoadAsync()
    {
        if (await db.ReviewReports.AnyAsync()) return;
        if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == "DEMO-SD" && u.ValidFrom <= new DateOnly(2023, 3, 31)
                && (u.ValidTo == null || u.ValidTo > new DateOnly(2023, 3, 31))) is not { } saiDong) return;
        var builder = new ReportBuilder(db, new Figures(db));
        async Task<string> SnapshotAsync(Unit unit, string period) =>
            JsonSerializer.Serialize((await builder.BuildAsync(unit, Period.Parse(period), FigureMode.Then)).Content);

        db.ReviewReports.Add(new ReviewReport
        {
            UnitId = saiDong.Id, PeriodId = "2023Q1", Status = ReportStatus.Approved, Situation = SaiDongSituation,
            Assessment = "Mặt trận phường đã bám sát chức năng, nhiệm vụ, chương trình, kế hoạch đề ra, hoàn thành tốt các nhiệm vụ được giao; các phong trào thi đua yêu nước và các cuộc vận động được nhân dân tích cực hưởng ứng.",
            Tasks = SaiDongTasks, Number = 5, NumberYear = 2023, IssuedOn = new DateOnly(2023, 3, 28),
            SubmittedAt = new DateTime(2023, 3, 28, 3, 0, 0, DateTimeKind.Utc), SubmittedBy = By,
            ReviewedAt = new DateTime(2023, 4, 3, 2, 0, 0, DateTimeKind.Utc), ReviewedBy = By, ReviewComment = "Báo cáo đạt yêu cầu.",
            Snapshot = await SnapshotAsync(saiDong, "2023Q1"), CreatedAt = db.Clock.UtcNow, CreatedBy = By,
        });

        if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null) is { ParentId: int hanoi } boDe)
        {
            db.ReportDeadlines.Add(new ReportDeadline { UnitId = hanoi, PeriodId = "2025S2", Due = new DateOnly(2026, 1, 10), CreatedAt = db.Clock.UtcNow });
            db.ReviewReports.Add(new ReviewReport
            {
                UnitId = boDe.Id, PeriodId = "2025S2", Status = ReportStatus.Submitted,
                Situation = "6 tháng cuối năm 2025, phường Bồ Đề đi vào hoạt động theo mô hình chính quyền địa phương hai cấp; tình hình an ninh chính trị, trật tự an toàn xã hội ổn định.",
                Assessment = "Mặt trận phường sớm ổn định tổ chức sau sắp xếp, duy trì hoạt động của các Ban Công tác Mặt trận ở khu dân cư.",
                Tasks = "Tổ chức Đại hội đại biểu MTTQ phường; tiếp tục vận động Quỹ “Vì người nghèo”; giám sát việc thực hiện thủ tục hành chính tại phường.",
                Number = 1, NumberYear = 2026, IssuedOn = new DateOnly(2026, 1, 8),
                SubmittedAt = new DateTime(2026, 1, 8, 2, 0, 0, DateTimeKind.Utc), SubmittedBy = By,
                Snapshot = await SnapshotAsync(boDe, "2025S2"), CreatedAt = db.Clock.UtcNow, CreatedBy = By,
            });
        }
        await db.SaveChangesAsync();
    }
}
