using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public sealed record OrganisationDto(int Id, int UnitId, OrganisationKind Kind, string KindLabel, string Name, int? ParentId, DateOnly ValidFrom, DateOnly? ValidTo, long Version)
{
    public static OrganisationDto From(Organisation o) => new(o.Id, o.UnitId, o.Kind, Organisation.Label(o.Kind), o.Name, o.ParentId, o.ValidFrom, o.ValidTo, o.Version);
}

public sealed record PersonDto(int Id, int UnitId, string FullName, Sex Sex, int? BirthYear, string Ethnicity, string? Religion, string? Phone, long Version)
{
    public static PersonDto From(Person p) => new(p.Id, p.UnitId, p.FullName, p.Sex, p.BirthYear, p.Ethnicity, p.Religion, p.Phone, p.Version);
}

public sealed record PostDto(int Id, PersonDto Person, Position Position, string PositionLabel, bool FullTime, DateOnly StartDate, DateOnly? EndDate, string? Decision, int? AddedByCooptionId, int? EndedByCooptionId)
{
    public static PostDto From(Post p, Person person) => new(p.Id, PersonDto.From(person), p.Position, Post.Label(p.Position), p.FullTime, p.StartDate, p.EndDate, p.Decision, p.AddedByCooptionId, p.EndedByCooptionId);
}

public sealed record TermDto(int Id, int? Number, string Label, DateOnly StartDate, DateOnly PlannedEnd, DateOnly? EndedOn, List<Congress> Congresses);
public sealed record OrganisationDetailsDto(OrganisationDto Organisation, DateOnly At, Composition Composition, List<PostDto> Members, List<string> Warnings, List<TermDto> Terms, List<Cooption> Cooptions, List<MembershipCount> Membership);
public sealed record NewOrganisationInput(int UnitId, OrganisationKind Kind, string? Name, int? ParentId, DateOnly? ValidFrom, string? Note);
public sealed record EndPostInput(DateOnly? EndDate, string? Decision);
public sealed record NewTermInput(int? Number, DateOnly? StartDate, DateOnly? PlannedEnd, string? Note);
public sealed record EndTermInput(DateOnly? EndedOn, int? Renumber);
public sealed record NewTargetInput(string? Label, string? Indicator, double TargetValue, string? UnitOfMeasure);
public sealed record NewCongressInput(DateOnly? Date, int? DelegatesInvited, int DelegatesPresent, string? ResolutionNumber, string? Note, IReadOnlyList<NewTargetInput>? Targets);
public sealed record MembershipInput(DateOnly? Date, int Members);
public sealed record RosterImportDto(int Valid, int AlreadyThere, List<RosterError> Errors, int Imported);

public static class OrganisationsApi
{
    public static void MapOrganisations(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{id:int}/organisations", ForUnit);
        api.MapGet("/units/{id:int}/membership", Membership);
        api.MapPost("/organisations", Create);
        api.MapGet("/organisations/{id:int}", Get);
        api.MapPost("/organisations/{id:int}/posts", AddPost);
        api.MapPost("/organisations/{id:int}/cooptions", CoOpt);
        api.MapPost("/organisations/{id:int}/terms", AddTerm);
        api.MapPost("/organisations/{id:int}/membership", AddMembership);
        api.MapPost("/posts/{id:int}/end", EndPost);
        api.MapPost("/terms/{id:int}/end", EndTerm);
        api.MapPost("/terms/{id:int}/congresses", AddCongress);
        api.MapGet("/organisations/{id:int}/roster", ExportRoster);
        api.MapPost("/organisations/{id:int}/roster", ImportRoster);
        api.MapGet("/people", People);
        api.MapPut("/people/{id:int}", UpdatePerson);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");

    /// <summary>An organisation that has ended, or belongs to an ended unit version, is history: read, never changed (as on its page and for units).</summary>
    private static bool Ended(Organisation org, Unit unit) => org.ValidTo is not null || unit.ValidTo is not null;

    private static ProblemHttpResult EndedProblem() =>
        TypedResults.Problem(statusCode: 409, title: "Tổ chức hoặc đơn vị đã kết thúc; lịch sử chỉ xem được, không sửa được.");

    private static async Task<Results<Ok<List<OrganisationDto>>, ProblemHttpResult>> ForUnit(int id, AppDb db, UnitScope scope)
    {
        if (!await scope.CanReadAsync(id)) return UnitsApi.NotFoundProblem();
        var list = await db.Organisations.AsNoTracking().Where(o => o.UnitId == id).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync();
        return TypedResults.Ok(list.Select(OrganisationDto.From).ToList());
    }

    private static async Task<Results<Ok<Dictionary<OrganisationKind, long>>, ProblemHttpResult>> Membership(int id, DateOnly? at, AppDb db, UnitScope scope, Registry registry)
    {
        var unit = await UnitsApi.FindReadableAsync(id, db, scope);
        if (unit is null) return UnitsApi.NotFoundProblem();
        return TypedResults.Ok(await registry.MembershipAsync(unit, at ?? db.Clock.Today));
    }

    private static async Task<Results<Created<OrganisationDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Create(NewOrganisationInput input, AppDb db, UnitScope scope)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == input.UnitId);
        if (unit is null || !await scope.CanReadAsync(unit.Id)) return Invalid(new() { ["UnitId"] = ["Không tìm thấy đơn vị trong phạm vi của bạn."] });
        if (!await scope.CanWriteAsync(unit)) return TypedResults.Forbid();
        var errors = await OrganisationRules.ValidateNewAsync(db, input, unit);
        if (errors.Count > 0) return Invalid(errors);
        var org = OrganisationRules.New(input, unit, db.Clock.UtcNow);
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/organisations/{org.Id}", OrganisationDto.From(org));
    }

    private static async Task<Results<Ok<OrganisationDetailsDto>, ProblemHttpResult>> Get(int id, DateOnly? at, AppDb db, UnitScope scope, Registry registry)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        var date = at ?? db.Clock.Today;
        var members = await registry.MembersAsync(id, date);
        var terms = await db.Terms.AsNoTracking().Where(t => t.OrganisationId == id).OrderBy(t => t.StartDate).ToListAsync();
        var termIds = terms.Select(t => t.Id).ToList();
        var congresses = await db.Congresses.AsNoTracking().Include(c => c.Targets).Where(c => termIds.Contains(c.TermId)).ToListAsync();
        return TypedResults.Ok(new OrganisationDetailsDto(OrganisationDto.From(org), date, Registry.Compose(members, date),
            members.Select(m => PostDto.From(m.Post, m.Person)).ToList(), await registry.WarningsAsync(org, unit!, members, date),
            terms.Select(t => new TermDto(t.Id, t.Number, t.Label, t.StartDate, t.PlannedEnd, t.EndedOn, congresses.Where(c => c.TermId == t.Id).ToList())).ToList(),
            await db.Cooptions.AsNoTracking().Where(c => c.OrganisationId == id).OrderBy(c => c.Date).ToListAsync(),
            await db.MembershipCounts.AsNoTracking().Where(c => c.OrganisationId == id).OrderBy(c => c.Date).ToListAsync()));
    }

    private static async Task<Results<Created<PostDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AddPost(int id, NewPostInput input, AppDb db, UnitScope scope, Registry registry)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var (errors, existing) = await registry.ValidatePostAsync(input, unit!, scope);
        if (errors.Count > 0) return Invalid(errors);
        var post = registry.AddPost(id, input, existing ?? Registry.NewPerson(input.Person!, input.Person!.UnitId ?? unit!.Id, db.Clock.UtcNow));
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/organisations/{id}", PostDto.From(post, post.Person!));
    }

    private static async Task<Results<Ok<Cooption>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CoOpt(int id, CooptionInput input, AppDb db, UnitScope scope, Registry registry)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var (errors, cooption) = await registry.CoOptAsync(org, unit!, input, scope);
        return errors.Count > 0 ? Invalid(errors) : TypedResults.Ok(cooption!);
    }

    private static async Task<Results<Ok<TermDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AddTerm(int id, NewTermInput input, AppDb db, UnitScope scope)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var errors = await OrganisationRules.ValidateTermAsync(db, id, unit!, input);
        if (errors.Count > 0) return Invalid(errors);
        var term = OrganisationRules.NewTerm(id, input);
        db.Terms.Add(term);
        await db.SaveChangesAsync();
        return TypedResults.Ok(new TermDto(term.Id, term.Number, term.Label, term.StartDate, term.PlannedEnd, term.EndedOn, []));
    }

    private static async Task<Results<Ok<TermDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> EndTerm(int id, EndTermInput input, AppDb db, UnitScope scope)
    {
        var term = await db.Terms.FirstOrDefaultAsync(t => t.Id == id);
        var (org, unit) = term is null ? default : await OrganisationRules.FindReadableAsync(db, scope, term.OrganisationId);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var errors = OrganisationRules.ValidateEndTerm(term!, input);
        if (errors.Count > 0) return Invalid(errors);
        OrganisationRules.EndTerm(term!, input);
        await db.SaveChangesAsync();
        return TypedResults.Ok(new TermDto(term!.Id, term.Number, term.Label, term.StartDate, term.PlannedEnd, term.EndedOn, []));
    }

    private static async Task<Results<Ok<Congress>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AddCongress(int id, NewCongressInput input, AppDb db, UnitScope scope)
    {
        var term = await db.Terms.FirstOrDefaultAsync(t => t.Id == id);
        var (org, unit) = term is null ? default : await OrganisationRules.FindReadableAsync(db, scope, term.OrganisationId);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var errors = OrganisationRules.ValidateCongress(input);
        if (errors.Count > 0) return Invalid(errors);
        var congress = OrganisationRules.NewCongress(id, input);
        db.Congresses.Add(congress);
        await db.SaveChangesAsync();
        return TypedResults.Ok(congress);
    }

    private static async Task<Results<Ok<MembershipCount>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AddMembership(int id, MembershipInput input, AppDb db, UnitScope scope)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var errors = OrganisationRules.ValidateMembership(org, input, db.Clock.Today);
        if (errors.Count > 0) return Invalid(errors);
        var count = await OrganisationRules.SetMembershipAsync(db, id, input);
        return TypedResults.Ok(count);
    }

    private static async Task<Results<Ok<PostDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> EndPost(int id, EndPostInput input, AppDb db, UnitScope scope)
    {
        var post = await db.Posts.Include(p => p.Person).FirstOrDefaultAsync(p => p.Id == id);
        var (org, unit) = post is null ? default : await OrganisationRules.FindReadableAsync(db, scope, post.OrganisationId);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        var errors = OrganisationRules.ValidateEndPost(post!, input);
        if (errors.Count > 0) return Invalid(errors);
        OrganisationRules.EndPost(post!, input);
        await db.SaveChangesAsync();
        return TypedResults.Ok(PostDto.From(post!, post!.Person!));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportRoster(int id, DateOnly? at, AppDb db, UnitScope scope, Registry registry)
    {
        var (org, _) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        var date = at ?? db.Clock.Today;
        return TypedResults.File(RosterExcel.Export(await registry.MembersAsync(id, date)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"danh-sach-{id}-{date:yyyyMMdd}.xlsx");
    }

    /// <summary>Checks an uploaded roster (multipart field "file"); with apply=true also saves its valid rows.</summary>
    private static async Task<Results<Ok<RosterImportDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ImportRoster(
        int id, bool? apply, HttpRequest request, AppDb db, UnitScope scope, Registry registry, RosterExcel roster)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit!)) return TypedResults.Forbid();
        if (Ended(org, unit!)) return EndedProblem();
        // The form is read only after the scope check, so a request for someone else's roster learns nothing.
        var file = request.HasFormContentType ? (await request.ReadFormAsync()).Files.GetFile("file") : null;
        if (file is null || file.Length == 0 || file.Length > 5 * 1024 * 1024)
            return Invalid(new() { ["file"] = ["Gửi tệp .xlsx (tối đa 5 MB) trong trường “file”."] });
        await using var stream = file.OpenReadStream();
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms);
        var check = await roster.CheckAsync(new MemoryStream(ms.ToArray()), org, unit!);
        var imported = apply == true ? await roster.ImportAsync(check, org, unit!, registry) : 0;
        return TypedResults.Ok(new RosterImportDto(check.Valid.Count, check.AlreadyThere.Count, check.Errors, imported));
    }

    private static async Task<Ok<List<PersonDto>>> People(string? q, AppDb db, UnitScope scope)
    {
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        var people = db.People.AsNoTracking().Where(p => readable.Any(u => u.Id == p.UnitId));
        if (!string.IsNullOrWhiteSpace(q)) { var f = Text.Fold(q.Length > 100 ? q[..100] : q); people = people.Where(p => p.NameFolded.Contains(f)); }
        return TypedResults.Ok((await people.OrderBy(p => p.NameFolded).Take(200).ToListAsync()).Select(PersonDto.From).ToList());
    }

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdatePerson(int id, PersonInput input, long version, AppDb db, UnitScope scope)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id);
        var unit = person is null ? null : await UnitsApi.FindReadableAsync(person.UnitId, db, scope);
        if (unit is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit)) return TypedResults.Forbid();
        var errors = new Dictionary<string, string[]>();
        Registry.ValidatePerson(input, "", errors, db.Clock.Today);
        if (errors.Count > 0) return Invalid(errors);
        db.Entry(person!).Property(p => p.Version).OriginalValue = version;
        var fresh = Registry.NewPerson(input, person!.UnitId, db.Clock.UtcNow);
        (person.FullName, person.NameFolded, person.Sex, person.BirthYear, person.Ethnicity, person.Religion, person.Phone) =
            (fresh.FullName, fresh.NameFolded, fresh.Sex, fresh.BirthYear, fresh.Ethnicity, fresh.Religion, fresh.Phone);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return TypedResults.Problem(statusCode: 409, title: "Thông tin người này vừa được người khác sửa. Tải lại rồi sửa lại."); }
        return TypedResults.Ok(PersonDto.From(person));
    }
}

public static class OrganisationRules
{
    public static async Task<(Organisation? Org, Unit? Unit)> FindReadableAsync(AppDb db, UnitScope scope, int id)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (org is null) return (null, null);
        var unit = await UnitsApi.FindReadableAsync(org.UnitId, db, scope);
        return unit is null ? (null, null) : (org, unit);
    }

    public static async Task<Dictionary<string, string[]>> ValidateNewAsync(AppDb db, NewOrganisationInput input, Unit unit)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(input.Kind)) errors["Kind"] = ["Chọn loại tổ chức."];
        if (input.Name?.Length > 200) errors["Name"] = ["Tên dài tối đa 200 ký tự."];
        if (unit.ValidTo is not null) errors["UnitId"] = ["Đơn vị đã kết thúc."];
        if (input.ValidFrom is { } from && (from < unit.ValidFrom || from > db.Clock.Today)) errors["ValidFrom"] = [$"Ngày thành lập từ {Fmt.Date(unit.ValidFrom)} đến hôm nay."];
        var groupLevel = unit.Level == UnitLevel.ResidentialGroup;
        if (input.Kind == OrganisationKind.ResidentialBoard && !groupLevel) errors["Kind"] = ["Ban công tác Mặt trận chỉ có ở thôn, tổ dân phố."];
        if (input.Kind == OrganisationKind.InspectionBoard && unit.Level != UnitLevel.Commune) errors["Kind"] = ["Ban Thanh tra nhân dân được lập ở cấp xã."];
        if (input.Kind is OrganisationKind.FrontCommittee or OrganisationKind.InspectionBoard or OrganisationKind.ResidentialBoard
            && await db.Organisations.AnyAsync(o => o.UnitId == unit.Id && o.Kind == input.Kind && o.ValidTo == null))
            errors["Kind"] = [$"{unit.FullName} đã có {Organisation.Label(input.Kind)}."];
        if (input.Kind == OrganisationKind.StandingBoard)
        {
            if (input.ParentId is not { } pid || !await db.Organisations.AnyAsync(o => o.Id == pid && o.UnitId == unit.Id && o.Kind == OrganisationKind.FrontCommittee))
                errors["ParentId"] = ["Ban Thường trực thuộc Ủy ban MTTQ của cùng đơn vị: chọn Ủy ban."];
        }
        else if (input.ParentId is not null) errors["ParentId"] = ["Chỉ Ban Thường trực có tổ chức cấp trên."];
        return errors;
    }

    public static async Task<Dictionary<string, string[]>> ValidateTermAsync(AppDb db, int organisationId, Unit unit, NewTermInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Number is < 1 or > 100) errors["Number"] = ["Số khóa từ 1 đến 100."];
        if (input.StartDate is null) errors["StartDate"] = ["Nhập ngày bắt đầu nhiệm kỳ."];
        else if (input.StartDate < unit.ValidFrom) errors["StartDate"] = [$"Nhiệm kỳ không bắt đầu trước khi {unit.FullName} được thành lập ({Fmt.Date(unit.ValidFrom)})."];
        if (input.PlannedEnd is null || input.PlannedEnd <= input.StartDate) errors["PlannedEnd"] = ["Ngày kết thúc dự kiến phải sau ngày bắt đầu."];
        if (input.Note?.Length > 500) errors["Note"] = ["Ghi chú dài tối đa 500 ký tự."];
        // Two periods [start, end) overlap when each starts before the other ends.
        if (input.StartDate is { } s && input.PlannedEnd is { } e && e > s
            && await db.Terms.AnyAsync(t => t.OrganisationId == organisationId && t.StartDate < e && s < (t.EndedOn ?? t.PlannedEnd)))
            errors["StartDate"] = ["Nhiệm kỳ trùng thời gian với nhiệm kỳ đã có; kết thúc nhiệm kỳ trước trước đã."];
        return errors;
    }

    public static Term NewTerm(int organisationId, NewTermInput input) => new()
    {
        OrganisationId = organisationId, Number = input.Number, StartDate = input.StartDate!.Value, PlannedEnd = input.PlannedEnd!.Value,
        Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
    };

    public static Dictionary<string, string[]> ValidateEndTerm(Term term, EndTermInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.EndedOn is null || input.EndedOn <= term.StartDate) errors["EndedOn"] = ["Ngày kết thúc phải sau ngày bắt đầu nhiệm kỳ."];
        if (input.Renumber is < 1 or > 100) errors["Renumber"] = ["Số khóa từ 1 đến 100."];
        return errors;
    }

    /// <summary>A term cut short (a merger) and, where the unit renumbers, given a new khóa number.</summary>
    public static void EndTerm(Term term, EndTermInput input)
    {
        term.EndedOn = input.EndedOn;
        if (input.Renumber is not null) term.Number = input.Renumber;
    }

    public static Dictionary<string, string[]> ValidateCongress(NewCongressInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Date is null) errors["Date"] = ["Nhập ngày đại hội."];
        if (input.DelegatesPresent is < 1 or > 100_000) errors["DelegatesPresent"] = ["Số đại biểu có mặt phải từ 1."];
        if (input.DelegatesInvited is { } inv && inv < input.DelegatesPresent) errors["DelegatesInvited"] = ["Số đại biểu triệu tập không nhỏ hơn số có mặt."];
        if (input.ResolutionNumber?.Length > 100) errors["ResolutionNumber"] = ["Số nghị quyết dài tối đa 100 ký tự."];
        var targets = input.Targets ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(targets[i].Label) || targets[i].Label!.Length > 500) errors[$"Targets[{i}].Label"] = ["Nhập nội dung chỉ tiêu (tối đa 500 ký tự)."];
            if (string.IsNullOrWhiteSpace(targets[i].UnitOfMeasure) || targets[i].UnitOfMeasure!.Length > 50) errors[$"Targets[{i}].UnitOfMeasure"] = ["Nhập đơn vị tính (%, mô hình, hộ…)."];
            if (double.IsNaN(targets[i].TargetValue) || targets[i].TargetValue < 0) errors[$"Targets[{i}].TargetValue"] = ["Giá trị chỉ tiêu phải là số không âm."];
        }
        return errors;
    }

    public static Congress NewCongress(int termId, NewCongressInput input) => new()
    {
        TermId = termId, Date = input.Date!.Value, DelegatesInvited = input.DelegatesInvited, DelegatesPresent = input.DelegatesPresent,
        ResolutionNumber = string.IsNullOrWhiteSpace(input.ResolutionNumber) ? null : input.ResolutionNumber.Trim(), Note = input.Note?.Trim(),
        Targets = [.. (input.Targets ?? []).Select((t, i) => new CongressTarget { Number = i + 1, Label = t.Label!.Trim(), Indicator = t.Indicator?.Trim(), TargetValue = t.TargetValue, UnitOfMeasure = t.UnitOfMeasure!.Trim() })],
    };

    public static Dictionary<string, string[]> ValidateMembership(Organisation org, MembershipInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Organisation.HasMembership(org.Kind)) errors[""] = ["Chỉ tổ chức chính trị - xã hội và hội quần chúng có số đoàn viên, hội viên."];
        if (input.Date is null) errors["Date"] = ["Nhập ngày tính số liệu."];
        else if (input.Date > today) errors["Date"] = ["Ngày tính số liệu không được sau hôm nay."];
        if (input.Members is < 0 or > 10_000_000) errors["Members"] = ["Số đoàn viên, hội viên từ 0 đến 10.000.000."];
        return errors;
    }

    /// <summary>One count per organisation and date: a second count for the same date replaces the first.</summary>
    public static async Task<MembershipCount> SetMembershipAsync(AppDb db, int organisationId, MembershipInput input)
    {
        var count = await db.MembershipCounts.FirstOrDefaultAsync(c => c.OrganisationId == organisationId && c.Date == input.Date);
        if (count is null) db.MembershipCounts.Add(count = new MembershipCount { OrganisationId = organisationId, Date = input.Date!.Value });
        count.Members = input.Members;
        await db.SaveChangesAsync();
        return count;
    }

    public static Dictionary<string, string[]> ValidateEndPost(Post post, EndPostInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (post.EndDate is not null) errors["PostId"] = [$"Chức danh đã kết thúc ngày {Fmt.Date(post.EndDate)}."];
        if (input.EndDate is null || input.EndDate <= post.StartDate) errors["EndDate"] = ["Ngày thôi giữ chức phải sau ngày bắt đầu."];
        if (input.Decision?.Length > 200) errors["Decision"] = ["Số quyết định dài tối đa 200 ký tự."];
        return errors;
    }

    public static void EndPost(Post post, EndPostInput input)
    {
        post.EndDate = input.EndDate;
        if (!string.IsNullOrWhiteSpace(input.Decision)) post.Decision = $"{post.Decision}; thôi: {input.Decision.Trim()}".TrimStart(';', ' ');
    }

    public static Organisation New(NewOrganisationInput input, Unit unit, DateTime now) => new()
    {
        UnitId = unit.Id, Kind = input.Kind, ParentId = input.ParentId,
        Name = string.IsNullOrWhiteSpace(input.Name) ? $"{Organisation.Label(input.Kind)} {unit.FullName}" : input.Name.Trim(),
        ValidFrom = input.ValidFrom ?? unit.ValidFrom, Note = input.Note?.Trim(), CreatedAt = now,
    };
}
