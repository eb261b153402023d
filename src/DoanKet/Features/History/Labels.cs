using DoanKet.Domain.Extraction;

namespace DoanKet.Features.History;

/// <summary>The extractor's categories and qualifiers in the officers' words.</summary>
public static class Labels
{
    public static string Category(string c) => c switch
    {
        Extractor.Categories.Gifts => "Tặng quà",
        Extractor.Categories.Fund => "Vận động quỹ",
        Extractor.Categories.Propaganda => "Tuyên truyền",
        Extractor.Categories.Supervision => "Giám sát",
        Extractor.Categories.Criticism => "Phản biện, góp ý",
        Extractor.Categories.Petition => "Ý kiến, kiến nghị",
        Extractor.Categories.Meeting => "Hội nghị, cuộc họp",
        Extractor.Categories.Attendance => "Người tham dự",
        Extractor.Categories.Model => "Mô hình",
        Extractor.Categories.Award => "Khen thưởng",
        Extractor.Categories.Congress => "Đại hội",
        Extractor.Categories.Membership => "Thành viên, hội viên",
        Extractor.Categories.Household => "Hỗ trợ hộ, người dân",
        _ => "Khác",
    };

    public static string Qualifier(string q) => q switch
    {
        Extractor.Qualifiers.Over => "trên",
        Extractor.Qualifiers.About => "khoảng",
        Extractor.Qualifiers.Under => "dưới",
        Extractor.Qualifiers.AtLeast => "ít nhất",
        Extractor.Qualifiers.Fraction => "trên tổng số",
        _ => "",
    };
}
