namespace DoanKet.BrowserTests.Infrastructure;

/// <summary>The demo accounts (password <see cref="AppFixture.Password"/>).</summary>
public static class Accounts
{
    public const string Admin = "admin@doanket.vn";
    public const string HanoiAdmin = "quantri.hanoi@doanket.vn";
    public const string BoDeOfficer = "canbo.bode@doanket.vn";
    public const string Group11Head = "truongban.to11@doanket.vn";
    public const string HanoiReviewer = "theodoi.hanoi@doanket.vn";
    public const string KienTuongOfficer = "canbo.kientuong@doanket.vn";
}
