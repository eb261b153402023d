using CsCheck;
using DoanKet.Domain;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Rules;

public sealed class PathAndTextTests
{
    private static readonly Gen<string> GenPath = Gen.Int[1, 400].Array[1, 5].Select(ids => "/" + string.Join("/", ids) + "/");

    [Fact]
    public void Path_range_holds_exactly_the_subtree()
    {
        // For any two paths: q is in P's range iff q starts with P (so /1/34/ never takes /1/340/).
        Gen.Select(GenPath, GenPath, Gen.Int[0, 3]).Sample((p, other, mix) =>
        {
            // Make near misses likely: a descendant, a sibling sharing the digits, or an unrelated path.
            var q = mix switch
            {
                0 => p + other[1..],
                1 => p[..^1] + "0/",
                2 => p[..^1] + other[1..],
                _ => other,
            };
            var (lo, hi) = UnitScope.PathRange(p);
            var inRange = string.CompareOrdinal(q, lo) >= 0 && string.CompareOrdinal(q, hi) < 0;
            Assert.Equal(q.StartsWith(p, StringComparison.Ordinal), inRange);
        });
    }

    [DatabaseTheory]
    public async Task Under_in_SQL_equals_StartsWith_on_every_unit_of_the_demo(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var all = await db.Units.IgnoreQueryFilters().AsNoTracking().ToListAsync();
            Assert.Contains(all, u => u.Id >= 10); // ids of several digits, so that prefixes like /1/2/ and /1/20/ occur
            foreach (var u in all)
            {
                var sql = (await db.Units.IgnoreQueryFilters().Under(u.Path).Select(x => x.Id).ToListAsync()).Order();
                var expected = all.Where(x => x.Path.StartsWith(u.Path, StringComparison.Ordinal)).Select(x => x.Id).Order();
                Assert.Equal(expected, sql);
            }
        });
    }

    [Theory]
    [InlineData("Đặng Ngọc Lâm", "dang ngoc lam")]
    [InlineData("  Phường   Bồ Đề ", "phuong bo de")]
    [InlineData("Tổ dân phố 11", "to dan pho 11")]
    [InlineData("KIẾN TƯỜNG", "kien tuong")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_strips_Vietnamese_marks_and_folds_d(string? input, string expected) => Assert.Equal(expected, Text.Fold(input));
}
