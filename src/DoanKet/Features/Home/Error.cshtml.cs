using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.Home;

[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Có lỗi xảy ra";
    public string Message { get; private set; } = "Hệ thống gặp lỗi khi xử lý yêu cầu. Dữ liệu bạn nhập chưa được lưu; vui lòng thử lại sau ít phút.";

    public void OnGet(int? code) => Describe(code ?? HttpContext.Response.StatusCode);
    public void OnPost(int? code) => Describe(code ?? HttpContext.Response.StatusCode);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("Không tìm thấy", "Trang hoặc bản ghi không tồn tại, hoặc nằm ngoài phạm vi đơn vị của bạn."),
            403 => ("Không có quyền", "Tài khoản của bạn không được thực hiện thao tác này."),
            400 => ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng định dạng. Tải lại trang rồi thử lại."),
            413 => ("Dữ liệu quá lớn", "Dữ liệu gửi lên vượt giới hạn cho phép (10 MB)."),
            409 => ("Xung đột dữ liệu", "Bản ghi vừa được người khác sửa. Tải lại trang để xem bản mới."),
            _ => (Title, Message),
        };
        if (code is >= 400 and < 600) HttpContext.Response.StatusCode = code;
    }
}
