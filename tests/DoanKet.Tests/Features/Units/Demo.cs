using DoanKet.Data;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Units;

/// <summary>Finds the demo data's unit versions the tests talk about.</summary>
public static class Demo
{
    public const string Admin = "admin@doanket.vn";
    public const string HanoiAdmin = "quantri.hanoi@doanket.vn";
    public const string BoDeOfficer = "canbo.bode@doanket.vn";
    public const string To11Head = "truongban.to11@doanket.vn";
    public const string HanoiReviewer = "theodoi.hanoi@doanket.vn";
    public const string KienTuongOfficer = "canbo.kientuong@doanket.vn";

    public static readonly DateOnly Tracked = new(2015, 1, 1);
    public static readonly DateOnly Y2020 = new(2020, 1, 1);
    public static readonly DateOnly Reorganised = new(2025, 7, 1);

    public static Task<Unit> CurrentAsync(AppDb db, string code) =>
        db.Units.AsNoTracking().SingleAsync(u => u.Code == code && u.ValidTo == null);

    public static Task<Unit> ByCodeFromAsync(AppDb db, string code, DateOnly from) =>
        db.Units.AsNoTracking().SingleAsync(u => u.Code == code && u.ValidFrom == from);

    /// <summary>The residential group of this name under the parent, in the version that started on <paramref name="from"/>.</summary>
    public static Task<Unit> GroupAsync(AppDb db, int parentId, string name, DateOnly from) =>
        db.Units.AsNoTracking().SingleAsync(u => u.ParentId == parentId && u.Name == name && u.ValidFrom == from);
}
