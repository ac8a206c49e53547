using System.Globalization;
using System.Text.RegularExpressions;

namespace ThiDua.Workflows.Web.Presentation;

/// <summary>
/// The one-line message a page shows after a form POST redirected to it (post/redirect/get: a refresh never posts
/// twice). The address carries only a code and an optional short reference, never free text, so a crafted link
/// cannot make the site say something it did not.
/// </summary>
public static partial class Flash
{
    private static readonly Dictionary<string, (string Text, bool Ok)> Messages = new(StringComparer.Ordinal)
    {
        ["decided"] = ("Đã ghi nhận quyết định. Cảm ơn!", true),
        ["created"] = ("Đã lập hồ sơ (dự thảo). Thêm tài liệu rồi bấm “Nộp hồ sơ”.", true),
        ["uploaded"] = ("Đã thêm {0} tệp vào hồ sơ.", true),
        ["submitted"] = ("Đã nộp hồ sơ. Phòng Văn hóa - Xã hội sẽ kiểm tra và báo lại qua thư.", true),
        ["voted"] = ("Đã ghi nhận phiếu của anh/chị. Phiếu kín: hệ thống chỉ lưu việc anh/chị đã bỏ phiếu, không lưu anh/chị chọn gì.", true),
        ["voted-open"] = ("Đã ghi nhận ý kiến biểu quyết của anh/chị.", true),
        ["attendance"] = ("Đã lưu điểm danh.", true),
        ["closed"] = ("Đã kiểm phiếu; biên bản số {0}.", true),
        ["session"] = ("Đã triệu tập phiên họp và gửi thư mời các thành viên.", true),
        ["signed"] = ("Đã ký Quyết định số {0}.", true),
        ["opinion"] = ("Đã nhận ý kiến của anh/chị. Phòng Văn hóa - Xã hội sẽ xem xét trước khi Hội đồng họp. Cảm ơn!", true),
        ["held"] = ("Đã tạm dừng xét hồ sơ.", true),
        ["released"] = ("Đã tiếp tục xét hồ sơ.", true),
        ["province"] = ("Đã ghi nhận kết quả của cấp trên.", true),
        ["claimed"] = ("Anh/chị đã nhận việc này.", true),
        ["reassigned"] = ("Đã giao lại việc; người nhận mới đã được gửi thư.", true),
        ["delegated"] = ("Đã lưu ủy quyền.", true),
        ["delegation-ended"] = ("Đã kết thúc ủy quyền.", true),
        ["password"] = ("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.", true),
        ["saved"] = ("Đã lưu.", true),
        ["template-uploaded"] = ("Đã thay mẫu văn bản; văn bản tạo từ nay dùng mẫu mới.", true),
        ["template-restored"] = ("Đã khôi phục mẫu gốc.", true),
        ["registered"] = ("Đã đăng ký văn bản số {0}.", true),
        ["series"] = ("Đã đặt số tiếp theo của sổ.", true),
        ["calendar-saved"] = ("Đã lưu mốc của lịch; các việc mở từ nay theo mốc mới, việc đã mở giữ hạn cũ.", true),
        ["calendar-synced"] = ("Đã mở {0} việc theo lịch.", true),
        ["handed-over"] = ("Đã ghi nhận trao khen thưởng.", true),
        ["prize-paid"] = ("Đã ghi nhận chi tiền thưởng.", true),
        ["proposal-created"] = ("Đã lập danh sách (dự thảo). Kiểm tra rồi bấm “Gửi văn bản đề nghị”.", true),
        ["proposal-submitted"] = ("Đã gửi văn bản đề nghị; Phòng Văn hóa - Xã hội sẽ xét từng đối tượng.", true),
        ["report-sent"] = ("Đã gửi báo cáo; Phòng Văn hóa - Xã hội sẽ xem xét.", true),
        ["report-accepted"] = ("Đã tiếp nhận báo cáo của đơn vị.", true),
        ["report-returned"] = ("Đã trả lại báo cáo để đơn vị bổ sung.", true),
        ["2fa-on"] = ("Đã bật xác thực hai lớp: từ lần đăng nhập sau, hệ thống hỏi mã của ứng dụng.", true),
        ["2fa-off"] = ("Đã tắt xác thực hai lớp.", true),
        ["plan"] = ("Đã gửi kế hoạch triển khai; Phòng Văn hóa - Xã hội sẽ xét.", true),
        ["user-created"] = ("Đã tạo người dùng.", true),
        ["user-enabled"] = ("Đã mở khóa người dùng.", true),
        ["user-disabled"] = ("Đã khóa người dùng: người này không đăng nhập được nữa.", true),
        ["password-reset"] = ("Đã đặt lại mật khẩu. Hãy trao mật khẩu mới trực tiếp cho người dùng.", true),
        ["seats"] = ("Đã lưu thành phần Hội đồng; các phiên họp triệu tập sau sẽ dùng danh sách này.", true),
        ["person"] = ("Đã thêm cá nhân vào đơn vị.", true),
        ["mail-sent"] = ("Máy chủ thư đã nhận thư thử.", true),
        ["retried"] = ("Đã chạy lại quy trình từ bước gặp sự cố.", true),
        ["retry-faulted"] = ("Đã chạy lại nhưng bước đó vẫn gặp sự cố; xem mục Sự cố bên dưới.", false),
        ["instance-cancelled"] = ("Đã hủy quy trình.", true),
        ["outbox-retried"] = ("Đã đưa lại vào hàng đợi; hệ thống sẽ gửi trong ít phút.", true),
        ["outbox-discarded"] = ("Đã bỏ qua mục này; hệ thống sẽ không gửi nữa.", true),
        ["outbox-gone"] = ("Mục này không còn trong danh sách lỗi (đã được xử lý trước đó).", false),
        ["opinion-invalid"] = ("Ý kiến chưa hợp lệ: cần ghi nội dung (tối đa 4.000 ký tự).", false),
        ["opinion-closed"] = ("Hồ sơ này không còn trong thời gian công khai, nên không nhận thêm ý kiến.", false),
        ["not-found"] = ("Không có hồ sơ này.", false),
        ["form-expired"] = ("Biểu mẫu đã hết hạn. Vui lòng gửi lại.", false),
    };

    public static (string Text, bool Ok)? Message(string? code, string? reference)
    {
        if (code is null || !Messages.TryGetValue(code, out var message)) return null;
        var safe = reference is { Length: > 0 and <= 40 } && SafeReference().IsMatch(reference) ? reference : "";
        return (string.Format(CultureInfo.InvariantCulture, message.Text, safe), message.Ok);
    }

    /// <summary>The page's address with the message code (and reference) added.</summary>
    public static string To(string path, string code, string? reference = null) =>
        $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}done={Uri.EscapeDataString(code)}{(reference is null ? "" : "&ref=" + Uri.EscapeDataString(reference))}";

    [GeneratedRegex(@"^[\p{L}\p{N} /\-.]+$")]
    private static partial Regex SafeReference();
}
