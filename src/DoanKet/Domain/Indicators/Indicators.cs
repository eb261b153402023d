using DoanKet.Domain.Records;

namespace DoanKet.Domain.Indicators;

public enum IndicatorRule
{
    /// <summary>Sum of the values of the listed fact keys.</summary>
    Sum = 0,
    /// <summary>x/y: units of a level with any listed fact in the period, of the units of that level.</summary>
    Coverage = 1,
    /// <summary>Numerator indicator ÷ denominator indicator × scale (100 for a percentage).</summary>
    Ratio = 2,
}

/// <summary>
/// A figure DoanKet computes, defined as data: adding an indicator that is a new sum over existing
/// facts needs no code.
/// </summary>
public class Indicator : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string UnitOfMeasure { get; set; }
    public required string Area { get; set; }
    public IndicatorRule Rule { get; set; }
    /// <summary>Fact keys separated by '|' (Sum, Coverage).</summary>
    public string? Facts { get; set; }
    /// <summary>The level counted by a Coverage indicator.</summary>
    public Units.UnitLevel? CoverageLevel { get; set; }
    public string? Numerator { get; set; }
    public string? Denominator { get; set; }
    public double Scale { get; set; } = 1;
    /// <summary>Shown on the dashboard's charts.</summary>
    public bool Main { get; set; }
    public int SortOrder { get; set; }

    public string[] FactKeys => (Facts ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// One number a record states about one unit on one day. Facts are rewritten with their record in
/// the same transaction; figures are sums of facts (through the totals tables).
/// </summary>
public class Fact
{
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public int RecordId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public required string Key { get; set; }
    public long Value { get; set; }
}

/// <summary>Sum of facts per unit, day and key: ranges and subtrees are read from here, not from records.</summary>
public class DailyTotal
{
    public int UnitId { get; set; }
    public DateOnly Day { get; set; }
    public required string Key { get; set; }
    public long Value { get; set; }
    /// <summary>Number of facts summed, so a row whose facts are all gone can be removed.</summary>
    public int Facts { get; set; }
}

/// <summary>
/// Sum of facts per commune-level unit (a residential group's facts go to its commune), month and key:
/// what province and national figures over whole months read.
/// </summary>
public class MonthlyTotal
{
    public int UnitId { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public required string Key { get; set; }
    public long Value { get; set; }
    public int Facts { get; set; }
}

/// <summary>
/// The monthly totals summed once more per province (the province the commune lay in at the time): what
/// national and province figures over whole months read, a few hundred rows instead of a million.
/// </summary>
public class ProvinceMonthlyTotal
{
    public int UnitId { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public required string Key { get; set; }
    public long Value { get; set; }
    public int Facts { get; set; }
}

/// <summary>
/// One row per unit, month and key of a coverage indicator while the unit has a nonzero day of that key
/// in the month ("x/y groups held Unity Day"): province and national coverage counts these rows by
/// province instead of joining every unit of the country.
/// </summary>
public class CoverageMonth
{
    public int UnitId { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public required string Key { get; set; }
    public Units.UnitLevel Level { get; set; }
    /// <summary>The province the unit lay in; null above that level.</summary>
    public int? ProvinceId { get; set; }
}

/// <summary>A fact before it is stored: what a record says.</summary>
public readonly record struct FactRow(int UnitId, DateOnly Date, string Key, long Value);

/// <summary>The facts each kind of record writes. The one place that says what a record counts.</summary>
public static class RecordFacts
{
    public const string ActivityType = "activity";
    public const string ConferenceType = "conference";
    public const string InitiativeType = "initiative";
    public const string UnityDayType = "unity_day";
    public const string CommendationType = "commendation";
    public const string PetitionType = "petition";
    public const string VoterMeetingType = "voter_meeting";
    public const string SupervisionType = "supervision";
    public const string CriticismType = "social_criticism";

    public static IEnumerable<FactRow> Of(Activity a, ActivityKind kind)
    {
        foreach (var m in MeasureInfo.All)
            if ((kind.Measures & m) != 0 && a.Count(m) is long v and not 0)
                yield return new(a.UnitId, a.Date, $"{kind.Code}.{MeasureInfo.Key(m)}", v);
    }

    public static IEnumerable<FactRow> Of(Conference c)
    {
        var prefix = "hoi_nghi." + ConferenceTypes.Key(c.Type);
        yield return new(c.UnitId, c.Date, prefix + ".cuoc", 1);
        if (c.Invited is int i and not 0) yield return new(c.UnitId, c.Date, prefix + ".moi", i);
        if (c.Present is int p and not 0) yield return new(c.UnitId, c.Date, prefix + ".du", p);
        if (c.Opinions is int o and not 0) yield return new(c.UnitId, c.Date, prefix + ".y_kien", o);
    }

    public static IEnumerable<FactRow> Of(Initiative i)
    {
        if (i.Status != InitiativeStatus.Stopped)
            yield return new(i.UnitId, i.RegisteredOn, "mo_hinh." + i.Field, 1);
    }

    public static IEnumerable<FactRow> Of(UnityDay d)
    {
        if (!d.Held || d.Date is not DateOnly date) yield break;
        yield return new(d.UnitId, date, "ngay_hoi.to_chuc", 1);
        if (d.HouseholdsAttending is int a and not 0) yield return new(d.UnitId, date, "ngay_hoi.ho_du", a);
        if (d.HouseholdsTotal is int t and not 0) yield return new(d.UnitId, date, "ngay_hoi.ho", t);
    }

    public static IEnumerable<FactRow> Of(Commendation c)
    {
        var key = $"khen_thuong.{Commendation.LevelKey(c.Level)}.{(c.Collective ? "tap_the" : "ca_nhan")}";
        yield return new(c.UnitId, c.Date, c.Proposed ? key + ".de_nghi" : key, 1);
    }

    /// <summary>
    /// A petition counts where and when it was received (by channel and topic), and then each step on its own day:
    /// forwarded, answered (on time or late), published. Opinions raised at voter meetings also count for voter contact.
    /// </summary>
    public static IEnumerable<FactRow> Of(Petitions.Petition p, string? topicCode)
    {
        yield return new(p.UnitId, p.ReceivedOn, "y_kien.nhan", 1);
        yield return new(p.UnitId, p.ReceivedOn, "y_kien.kenh." + Petitions.PetitionLabels.ChannelKey(p.Channel), 1);
        if (p.Channel == Petitions.PetitionChannel.VoterContact) yield return new(p.UnitId, p.ReceivedOn, "tiep_xuc_cu_tri.y_kien", 1);
        if (topicCode is not null) yield return new(p.UnitId, p.ReceivedOn, "y_kien.chu_de." + topicCode, 1);
        if (p.ForwardedOn is { } f) yield return new(p.UnitId, f, "y_kien.chuyen", 1);
        if (p.AnsweredOn is { } a) yield return new(p.UnitId, a, p.AnsweredLate ? "y_kien.tra_loi_tre_han" : "y_kien.tra_loi_dung_han", 1);
        if (p.PublishedOn is { } d) yield return new(p.UnitId, d, "y_kien.cong_bo", 1);
    }

    public static IEnumerable<FactRow> Of(Petitions.VoterMeeting m)
    {
        yield return new(m.UnitId, m.Date, "tiep_xuc_cu_tri.cuoc", 1);
        if (m.Attendance != 0) yield return new(m.UnitId, m.Date, "tiep_xuc_cu_tri.luot_nguoi", m.Attendance);
    }

    /// <summary>
    /// A supervision counts once started, on its start day: the supervision, the people supervised, and each recommendation
    /// on the day it was issued and again on the day it was resolved.
    /// </summary>
    public static IEnumerable<FactRow> Of(Supervisions.Supervision s, IEnumerable<Supervisions.Recommendation> recommendations)
    {
        if (!s.Counts) yield break;
        var (unit, prefix) = (s.UnitId, s.FactPrefix);
        yield return new(unit, s.StartedOn!.Value, prefix + ".cuoc", 1);
        // Taking part in another body's supervision counts the participation; its recommendations are that body's.
        if (s.Role == Supervisions.SupervisionRole.Joint) yield break;
        if (s.PeopleSupervised is int n and not 0) yield return new(unit, s.StartedOn.Value, prefix + ".nguoi", n);
        foreach (var r in recommendations)
        {
            yield return new(unit, r.IssuedOn, prefix + ".y_kien", 1);
            if (r.Status == Supervisions.RecommendationStatus.Resolved && r.ResolvedOn is { } d) yield return new(unit, d, prefix + ".kien_nghi_giai_quyet", 1);
        }
    }

    /// <summary>A criticism conference or a draft's feedback: the event, its comments (written out or counted) and those the drafting body accepted.</summary>
    public static IEnumerable<FactRow> Of(Supervisions.SocialCriticism c, IReadOnlyCollection<Supervisions.CriticismComment> comments)
    {
        yield return new(c.UnitId, c.Date, c.FactPrefix + ".cuoc", 1);
        if (Math.Max(c.CommentCount ?? 0, comments.Count) is var n and not 0) yield return new(c.UnitId, c.Date, c.FactPrefix + ".y_kien", n);
        var accepted = comments.Count(x => x.Response is Supervisions.CommentResponse.Accepted or Supervisions.CommentResponse.PartlyAccepted);
        if (accepted != 0) yield return new(c.UnitId, c.Date, c.FactPrefix + ".tiep_thu", accepted);
    }
}
