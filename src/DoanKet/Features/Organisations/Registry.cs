using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public sealed record Composition(DateOnly Date, int Members, int Women, int EthnicMinorities, int Religious, int Under30, int FullTime)
{
    public double WomenShare => Members == 0 ? 0 : (double)Women / Members;
    public double MinorityShare => Members == 0 ? 0 : (double)EthnicMinorities / Members;
}

public sealed record MemberRow(Post Post, Person Person);

/// <summary>Input for a person given inline (new) or by id (existing).</summary>
public sealed record PersonInput(string? FullName, Sex? Sex, int? BirthYear, string? Ethnicity, string? Religion, string? Phone, int? UnitId);

public sealed record NewPostInput(int? PersonId, PersonInput? Person, Position Position, bool FullTime, DateOnly? StartDate, string? Decision);

public sealed record CooptionInput(DateOnly? Date, string? Conference, int Present, int For, int Against, string? DecisionNumber, string? Note,
    IReadOnlyList<NewPostInput>? Add, IReadOnlyList<int>? RemovePostIds);

/// <summary>Rules of the organisation registry shared by its pages and its API.</summary>
public sealed class Registry(AppDb db)
{
    /// <summary>Who held a post in the organisation on the date (one row per post; a person may hold two).</summary>
    public async Task<List<MemberRow>> MembersAsync(int organisationId, DateOnly date) =>
        (await db.Posts.AsNoTracking().Include(p => p.Person)
            .Where(p => p.OrganisationId == organisationId && p.StartDate <= date && (p.EndDate == null || date < p.EndDate))
            .ToListAsync())
        .Where(p => p.Person is not null)
        .OrderBy(p => p.Position).ThenBy(p => p.Person!.FullName)
        .Select(p => new MemberRow(p, p.Person!)).ToList();

    public static Composition Compose(IEnumerable<MemberRow> rows, DateOnly date)
    {
        var people = rows.GroupBy(r => r.Person.Id).Select(g => (g.First().Person, FullTime: g.Any(r => r.Post.FullTime))).ToList();
        return new Composition(date,
            people.Count,
            people.Count(p => p.Person.Sex == Sex.Female),
            people.Count(p => Text.Fold(p.Person.Ethnicity) != "kinh"),
            people.Count(p => p.Person.Religion is not null),
            people.Count(p => p.Person.BirthYear is { } y && date.Year - y < 30),
            people.Count(p => p.FullTime));
    }

    /// <summary>Ban TTND: at least 5 members and one living in each residential group of the commune.</summary>
    public async Task<List<string>> WarningsAsync(Organisation org, Unit unit, IReadOnlyList<MemberRow> members, DateOnly date)
    {
        var warnings = new List<string>();
        if (org.Kind != OrganisationKind.InspectionBoard) return warnings;
        var people = members.Select(m => m.Person).DistinctBy(p => p.Id).ToList();
        if (people.Count < 5) warnings.Add($"Ban Thanh tra nhân dân cần ít nhất 5 thành viên (hiện có {people.Count}).");
        var groups = await db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id && u.Level == UnitLevel.ResidentialGroup).ValidOn(date).ToListAsync();
        var covered = people.Select(p => p.UnitId).ToHashSet();
        var missing = groups.Where(g => !covered.Contains(g.Id)).Select(g => g.FullName).ToList();
        if (missing.Count > 0) warnings.Add($"Chưa có thành viên ở: {string.Join(", ", missing)}.");
        return warnings;
    }

    public static void ValidatePerson(PersonInput p, string prefix, Dictionary<string, string[]> errors, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(p.FullName) || p.FullName.Trim().Length > 200) errors[$"{prefix}FullName"] = ["Nhập họ tên (tối đa 200 ký tự)."];
        if (p.Sex is null || !Enum.IsDefined(p.Sex.Value)) errors[$"{prefix}Sex"] = ["Chọn giới tính."];
        if (p.BirthYear is { } y && (y < 1900 || y > today.Year - 14)) errors[$"{prefix}BirthYear"] = [$"Năm sinh từ 1900 đến {today.Year - 14}."];
        if (p.Ethnicity?.Length > 50) errors[$"{prefix}Ethnicity"] = ["Dân tộc dài tối đa 50 ký tự."];
        if (p.Religion?.Length > 50) errors[$"{prefix}Religion"] = ["Tôn giáo dài tối đa 50 ký tự."];
        if (p.Phone is { Length: > 0 } phone && !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^[0-9+ .()-]{6,30}$"))
            errors[$"{prefix}Phone"] = ["Số điện thoại chỉ gồm chữ số, dấu cách, + . ( ) -, từ 6 đến 30 ký tự."];
    }

    public static Person NewPerson(PersonInput p, int unitId, DateTime now) => new()
    {
        FullName = p.FullName!.Trim(), NameFolded = Text.Fold(p.FullName), Sex = p.Sex!.Value, BirthYear = p.BirthYear,
        Ethnicity = string.IsNullOrWhiteSpace(p.Ethnicity) ? "Kinh" : p.Ethnicity.Trim(),
        Religion = string.IsNullOrWhiteSpace(p.Religion) || Text.Fold(p.Religion) == "khong" ? null : p.Religion.Trim(),
        Phone = string.IsNullOrWhiteSpace(p.Phone) ? null : p.Phone.Trim(), UnitId = unitId, CreatedAt = now,
    };

    /// <summary>
    /// Checks a new post; the person is an existing one the account may see, or a new one recorded in a
    /// unit inside the account's scope (defaults to the organisation's unit).
    /// </summary>
    public async Task<(Dictionary<string, string[]> Errors, Person? Existing)> ValidatePostAsync(NewPostInput input, Unit orgUnit, UnitScope scope, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        Person? existing = null;
        if (input.PersonId is { } pid)
        {
            existing = await db.People.FirstOrDefaultAsync(p => p.Id == pid);
            if (existing is null || !await scope.CanReadAsync(existing.UnitId)) errors[$"{prefix}PersonId"] = ["Không tìm thấy người này trong phạm vi của bạn."];
        }
        else if (input.Person is null) errors[$"{prefix}Person"] = ["Chọn một người đã có hoặc nhập người mới."];
        else
        {
            ValidatePerson(input.Person, $"{prefix}Person.", errors, db.Clock.Today);
            if (input.Person.UnitId is { } uid && (await db.Units.FirstOrDefaultAsync(u => u.Id == uid) is not { } u || !await scope.CanWriteAsync(u)))
                errors[$"{prefix}Person.UnitId"] = ["Chọn nơi cư trú trong phạm vi của bạn."];
        }
        if (!Enum.IsDefined(input.Position)) errors[$"{prefix}Position"] = ["Chọn chức danh."];
        if (input.StartDate is null) errors[$"{prefix}StartDate"] = ["Nhập ngày bắt đầu."];
        else if (input.StartDate < orgUnit.ValidFrom || orgUnit.ValidTo is { } end && input.StartDate >= end)
            errors[$"{prefix}StartDate"] = [$"Ngày bắt đầu phải trong thời gian đơn vị còn hiệu lực ({Fmt.Date(orgUnit.ValidFrom)} – {Fmt.Until(orgUnit.ValidTo)})."];
        if (input.Decision?.Length > 200) errors[$"{prefix}Decision"] = ["Số quyết định dài tối đa 200 ký tự."];
        return (errors, existing);
    }

    public Post AddPost(int organisationId, NewPostInput input, Person person, int? cooptionId = null)
    {
        var post = new Post
        {
            Person = person, OrganisationId = organisationId, Position = input.Position, FullTime = input.FullTime,
            StartDate = input.StartDate!.Value, Decision = string.IsNullOrWhiteSpace(input.Decision) ? null : input.Decision.Trim(),
            AddedByCooptionId = cooptionId,
        };
        if (person.Id == 0) db.People.Add(person);
        db.Posts.Add(post);
        return post;
    }

    /// <summary>Co-opting and dismissal at one conference: vote, posts added and ended, in one transaction.</summary>
    public async Task<(Dictionary<string, string[]> Errors, Cooption? Cooption)> CoOptAsync(Organisation org, Unit orgUnit, CooptionInput input, UnitScope scope)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Date is null) errors["Date"] = ["Nhập ngày hội nghị."];
        if (string.IsNullOrWhiteSpace(input.Conference) || input.Conference.Length > 200) errors["Conference"] = ["Nhập tên hội nghị, ví dụ: Kỳ họp thứ V."];
        if (input.Present is < 1 or > 100_000) errors["Present"] = ["Số đại biểu có mặt phải từ 1."];
        if (input.For < 0 || input.Against < 0 || input.For + input.Against > input.Present)
            errors["For"] = ["Số tán thành và không tán thành không âm, và cộng lại không quá số có mặt."];
        if (input.DecisionNumber?.Length > 100) errors["DecisionNumber"] = ["Số quyết định dài tối đa 100 ký tự."];
        var add = input.Add ?? [];
        var remove = input.RemovePostIds ?? [];
        if (add.Count == 0 && remove.Count == 0) errors["Add"] = ["Chọn ít nhất một người được hiệp thương bổ sung hoặc miễn nhiệm."];
        if (add.Count > 200) errors["Add"] = ["Tối đa 200 người mỗi lần."];
        var existing = new List<Person?>();
        for (var i = 0; i < add.Count; i++)
        {
            var (e, person) = await ValidatePostAsync(add[i] with { StartDate = input.Date }, orgUnit, scope, $"Add[{i}].");
            foreach (var kv in e) errors[kv.Key] = kv.Value;
            existing.Add(person);
        }
        var posts = await db.Posts.Where(p => remove.Contains(p.Id) && p.OrganisationId == org.Id).ToListAsync();
        if (posts.Count != remove.Distinct().Count()) errors["RemovePostIds"] = ["Có chức danh không thuộc tổ chức này."];
        else if (input.Date is { } d && posts.Any(p => !p.HeldOn(d) || p.StartDate >= d))
            errors["RemovePostIds"] = ["Chỉ miễn nhiệm được người đang giữ chức danh vào ngày hội nghị."];
        // A co-option stands only with more than half of those present in favour.
        if (errors.Count == 0 && input.For * 2 <= input.Present)
            errors["For"] = [$"Chưa đủ quá nửa đại biểu có mặt tán thành ({input.For}/{input.Present})."];
        if (errors.Count > 0) return (errors, null);

        await using var tx = await db.Database.BeginTransactionAsync();
        var cooption = new Cooption
        {
            OrganisationId = org.Id, Date = input.Date!.Value, Conference = input.Conference!.Trim(), Present = input.Present, For = input.For,
            Against = input.Against, DecisionNumber = string.IsNullOrWhiteSpace(input.DecisionNumber) ? null : input.DecisionNumber.Trim(),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.Cooptions.Add(cooption);
        await db.SaveChangesAsync();
        for (var i = 0; i < add.Count; i++)
            AddPost(org.Id, add[i] with { StartDate = input.Date, Decision = add[i].Decision ?? cooption.DecisionNumber },
                existing[i] ?? NewPerson(add[i].Person!, add[i].Person!.UnitId ?? orgUnit.Id, db.Clock.UtcNow), cooption.Id);
        foreach (var p in posts)
        {
            p.EndDate = input.Date;
            p.EndedByCooptionId = cooption.Id;
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return (errors, cooption);
    }

    /// <summary>
    /// Members of the member organisations in a subtree at a date: the latest count of each organisation on or before it,
    /// over the organisations of unit versions valid on that date (an ended unit's last count is not added to its successor's).
    /// </summary>
    public async Task<Dictionary<OrganisationKind, long>> MembershipAsync(Unit root, DateOnly date)
    {
        var orgs = db.Organisations.AsNoTracking()
            .Where(o => o.ValidFrom <= date && (o.ValidTo == null || date < o.ValidTo))
            .Where(o => db.Units.Under(root.Path).ValidOn(date).Any(u => u.Id == o.UnitId));
        var latest = await db.MembershipCounts.AsNoTracking()
            .Where(c => c.Date <= date && orgs.Any(o => o.Id == c.OrganisationId))
            .GroupBy(c => c.OrganisationId)
            .Select(g => g.OrderByDescending(c => c.Date).First())
            .ToListAsync();
        var kinds = await orgs.ToDictionaryAsync(o => o.Id, o => o.Kind);
        return latest.GroupBy(c => kinds[c.OrganisationId]).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Members));
    }
}
