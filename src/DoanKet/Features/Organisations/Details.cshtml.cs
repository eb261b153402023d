using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

/// <summary>
/// One organisation at a date: composition, warnings, members, terms, co-options, membership counts;
/// for writers, the forms that add a member, co-opt at a conference, end a post and add a term.
/// The rules are <see cref="Registry"/>'s (shared with the API); this page only maps its errors to fields.
/// </summary>
public class DetailsModel(AppDb db, UnitScope scope, Registry registry) : PageModel
{
    public const int CooptRows = 3;

    public class PersonRow
    {
        public string? FullName { get; set; }
        public Sex? Sex { get; set; }
        public int? BirthYear { get; set; }
        public string? Ethnicity { get; set; } = "Kinh";
        public string? Religion { get; set; }
        public string? Phone { get; set; }
        public Position Position { get; set; } = Position.Member;
        public bool FullTime { get; set; }

        public PersonInput ToPerson() => new(FullName, Sex, BirthYear, Ethnicity, Religion, Phone, null);
    }

    /// <summary>One person with a post, plus when and by which decision it starts.</summary>
    public sealed class MemberInput : PersonRow
    {
        public DateOnly? StartDate { get; set; }
        public string? Decision { get; set; }
    }

    public sealed class CooptForm
    {
        public DateOnly? Date { get; set; }
        public string? Conference { get; set; }
        public int? Present { get; set; }
        public int? For { get; set; }
        public int? Against { get; set; }
        public string? DecisionNumber { get; set; }
        public string? Note { get; set; }
        public List<PersonRow> Add { get; set; } = [];
        public List<int> RemovePostIds { get; set; } = [];
    }

    public sealed class EndPostForm
    {
        public int? PostId { get; set; }
        public DateOnly? EndDate { get; set; }
        public string? Decision { get; set; }
    }

    public sealed class TermForm
    {
        public int? Number { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public string? Note { get; set; }
    }

    public sealed class EndTermForm
    {
        public int? TermId { get; set; }
        public DateOnly? EndedOn { get; set; }
        public int? Renumber { get; set; }
    }

    public sealed class TargetRow
    {
        public string? Label { get; set; }
        public double? TargetValue { get; set; }
        public string? UnitOfMeasure { get; set; }
    }

    public sealed class CongressForm
    {
        public int? TermId { get; set; }
        public DateOnly? Date { get; set; }
        public int? DelegatesInvited { get; set; }
        public int? DelegatesPresent { get; set; }
        public string? ResolutionNumber { get; set; }
        public List<TargetRow> Targets { get; set; } = [];
    }

    public sealed class MembershipForm
    {
        public DateOnly? Date { get; set; }
        public int? Members { get; set; }
    }

    public sealed class PageInput
    {
        public MemberInput Member { get; set; } = new();
        public CooptForm Coopt { get; set; } = new();
        public EndPostForm End { get; set; } = new();
        public TermForm Term { get; set; } = new();
        public EndTermForm EndTerm { get; set; } = new();
        public CongressForm Congress { get; set; } = new();
        public MembershipForm Membership { get; set; } = new();
    }

    public const int TargetRows = 3;

    public sealed record TermView(Term Term, List<Congress> Congresses);
    public sealed record CooptionView(Cooption Cooption, List<MemberRow> Added, List<MemberRow> Removed);

    [BindProperty] public PageInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public Organisation Org { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public Organisation? Parent { get; private set; }
    public List<Organisation> Parts { get; private set; } = [];
    public DateOnly At { get; private set; }
    public List<MemberRow> Members { get; private set; } = [];
    public Composition Composition { get; private set; } = null!;
    public List<string> Warnings { get; private set; } = [];
    public List<TermView> Terms { get; private set; } = [];
    public List<CooptionView> Cooptions { get; private set; } = [];
    public List<MembershipCount> Membership { get; private set; } = [];
    /// <summary>Posts held today: the ones a co-option or an end-of-post form can end.</summary>
    public List<MemberRow> Current { get; private set; } = [];
    public bool CanWrite { get; private set; }
    /// <summary>Which form to show open (the one with errors).</summary>
    public string? OpenForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, DateOnly? at)
    {
        if (!await LoadAsync(id, at)) return NotFound();
        Input.Member.StartDate = db.Clock.Today;
        Input.Coopt.Date = db.Clock.Today;
        Input.End.EndDate = db.Clock.Today;
        Input.Membership.Date = db.Clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostMemberAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var m = Input.Member;
        var input = new NewPostInput(null, m.ToPerson(), m.Position, m.FullTime, m.StartDate, m.Decision);
        var (errors, _) = await registry.ValidatePostAsync(input, Unit, scope);
        foreach (var (key, messages) in errors) AddErrors("Input.Member." + key.Replace("Person.", "", StringComparison.Ordinal), messages);
        if (!ModelState.IsValid) return Invalid("member");
        registry.AddPost(id, input, Registry.NewPerson(input.Person!, Unit.Id, db.Clock.UtcNow));
        await db.SaveChangesAsync();
        Message = $"Đã thêm {m.FullName!.Trim()} ({Post.Label(m.Position)}) từ ngày {Fmt.Date(m.StartDate!.Value)}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCooptAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var c = Input.Coopt;
        // Rows left blank are not people: only rows with a name (or anything else typed) count.
        var rows = c.Add.Select((r, i) => (Row: r, Index: i))
            .Where(x => !string.IsNullOrWhiteSpace(x.Row.FullName) || x.Row.Sex is not null || x.Row.BirthYear is not null
                || !string.IsNullOrWhiteSpace(x.Row.Religion) || !string.IsNullOrWhiteSpace(x.Row.Phone))
            .Take(CooptRows).ToList();
        var input = new CooptionInput(c.Date, c.Conference, c.Present ?? 0, c.For ?? 0, c.Against ?? 0, c.DecisionNumber, c.Note,
            [.. rows.Select(x => new NewPostInput(null, x.Row.ToPerson(), x.Row.Position, x.Row.FullTime, c.Date, null))], c.RemovePostIds);
        if (!ModelState.IsValid) return Invalid("coopt");
        var (errors, cooption) = await registry.CoOptAsync(Org, Unit, input, scope);
        foreach (var (key, messages) in errors) AddErrors(CooptKey(key, rows.Select(x => x.Index).ToList()), messages);
        if (cooption is null) return Invalid("coopt");
        Message = $"Đã ghi {cooption.Conference} ngày {Fmt.Date(cooption.Date)}: bổ sung {rows.Count}, miễn nhiệm {c.RemovePostIds.Distinct().Count()} "
            + $"({Fmt.Number(cooption.For)}/{Fmt.Number(cooption.Present)} tán thành, {Fmt.Percent(cooption.ForShare)}).";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var e = Input.End;
        var post = e.PostId is { } pid ? await db.Posts.Include(p => p.Person).FirstOrDefaultAsync(p => p.Id == pid && p.OrganisationId == id) : null;
        var input = new EndPostInput(e.EndDate, e.Decision);
        if (post is null) ModelState.AddModelError("Input.End.PostId", "Chọn người thôi giữ chức danh.");
        else AddErrors("Input.End.", OrganisationRules.ValidateEndPost(post, input));
        if (!ModelState.IsValid) return Invalid("end");
        OrganisationRules.EndPost(post!, input);
        await db.SaveChangesAsync();
        Message = $"{post!.Person!.FullName} thôi giữ chức {Post.Label(post.Position)} từ ngày {Fmt.Date(e.EndDate!.Value)}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTermAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var t = Input.Term;
        var input = new NewTermInput(t.Number, t.StartDate, t.PlannedEnd, t.Note);
        AddErrors("Input.Term.", await OrganisationRules.ValidateTermAsync(db, id, Unit, input));
        if (!ModelState.IsValid) return Invalid("term");
        var term = OrganisationRules.NewTerm(id, input);
        db.Terms.Add(term);
        await db.SaveChangesAsync();
        Message = $"Đã thêm {term.Label}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndTermAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var f = Input.EndTerm;
        var term = f.TermId is { } tid ? await db.Terms.FirstOrDefaultAsync(t => t.Id == tid && t.OrganisationId == id) : null;
        var input = new EndTermInput(f.EndedOn, f.Renumber);
        if (term is null) ModelState.AddModelError("Input.EndTerm.TermId", "Chọn nhiệm kỳ.");
        else AddErrors("Input.EndTerm.", OrganisationRules.ValidateEndTerm(term, input));
        if (!ModelState.IsValid) return Invalid("endterm");
        OrganisationRules.EndTerm(term!, input);
        await db.SaveChangesAsync();
        Message = $"Đã cập nhật {term!.Label}: kết thúc ngày {Fmt.Date(term.EndedOn)}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCongressAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var f = Input.Congress;
        var term = f.TermId is { } tid ? await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tid && t.OrganisationId == id) : null;
        // Rows left blank are not targets; the others keep their row number for the error spans.
        var rows = f.Targets.Select((t, i) => (t, i)).Where(x => !string.IsNullOrWhiteSpace(x.t.Label) || x.t.TargetValue is not null || !string.IsNullOrWhiteSpace(x.t.UnitOfMeasure)).ToList();
        var input = new NewCongressInput(f.Date, f.DelegatesInvited, f.DelegatesPresent ?? 0, f.ResolutionNumber, null,
            [.. rows.Select(x => new NewTargetInput(x.t.Label, null, x.t.TargetValue ?? double.NaN, x.t.UnitOfMeasure))]);
        if (term is null) ModelState.AddModelError("Input.Congress.TermId", "Chọn nhiệm kỳ.");
        foreach (var (key, messages) in OrganisationRules.ValidateCongress(input))
        {
            var field = key.StartsWith("Targets[", StringComparison.Ordinal)
                ? $"Targets[{rows[int.Parse(key[8..key.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)].i}]{key[(key.IndexOf(']', StringComparison.Ordinal) + 1)..]}"
                : key;
            AddErrors("Input.Congress." + field, messages);
        }
        if (!ModelState.IsValid) return Invalid("congress");
        db.Congresses.Add(OrganisationRules.NewCongress(term!.Id, input));
        await db.SaveChangesAsync();
        Message = $"Đã ghi đại hội ngày {Fmt.Date(f.Date!.Value)} ({term.Label}) với {rows.Count} chỉ tiêu.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMembershipAsync(int id)
    {
        if (!await LoadAsync(id, null)) return NotFound();
        if (!CanWrite) return Forbid();
        var input = new MembershipInput(Input.Membership.Date, Input.Membership.Members ?? -1);
        AddErrors("Input.Membership.", OrganisationRules.ValidateMembership(Org, input, db.Clock.Today));
        if (!ModelState.IsValid) return Invalid("membership");
        await OrganisationRules.SetMembershipAsync(db, id, input);
        Message = $"Đã lưu {Fmt.Number(input.Members)} đoàn viên, hội viên tính đến ngày {Fmt.Date(input.Date!.Value)}.";
        return RedirectToPage(new { id });
    }

    private void AddErrors(string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var m in messages) ModelState.AddModelError(prefix + field, m);
    }

    /// <summary>The first error of a field, for the span next to it.</summary>
    public string? Error(string key) => ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    private IActionResult Invalid(string form)
    {
        OpenForm = form;
        Message = null;
        return Page();
    }

    private void AddErrors(string key, string[] messages)
    {
        foreach (var m in messages) ModelState.AddModelError(key, m);
    }

    /// <summary>Registry keys ("Add[0].Person.FullName", "Present") onto this form's fields ("Input.Coopt.Add[2].FullName").</summary>
    private static string CooptKey(string key, List<int> rowIndex)
    {
        if (key.StartsWith("Add[", StringComparison.Ordinal))
        {
            var close = key.IndexOf(']', StringComparison.Ordinal);
            var i = int.Parse(key[4..close], System.Globalization.CultureInfo.InvariantCulture);
            var rest = key[(close + 1)..].Replace(".Person.", ".", StringComparison.Ordinal);
            if (rest is ".StartDate") return "Input.Coopt.Date";
            return $"Input.Coopt.Add[{rowIndex[i]}]{rest}";
        }
        return "Input.Coopt." + key;
    }

    private async Task<bool> LoadAsync(int id, DateOnly? at)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null || unit is null) return false;
        (Org, Unit) = (org, unit);
        At = at ?? db.Clock.Today;
        CanWrite = unit.ValidTo is null && org.ValidTo is null && await scope.CanWriteAsync(unit);
        Parent = org.ParentId is { } pid ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == pid) : null;
        Parts = await db.Organisations.AsNoTracking().Where(o => o.ParentId == id).OrderBy(o => o.Name).ToListAsync();
        Members = await registry.MembersAsync(id, At);
        Composition = Registry.Compose(Members, At);
        Warnings = await registry.WarningsAsync(org, unit, Members, At);
        Current = At == db.Clock.Today ? Members : await registry.MembersAsync(id, db.Clock.Today);

        var terms = await db.Terms.AsNoTracking().Where(t => t.OrganisationId == id).OrderBy(t => t.StartDate).ToListAsync();
        var termIds = terms.Select(t => t.Id).ToList();
        var congresses = await db.Congresses.AsNoTracking().Include(c => c.Targets).Where(c => termIds.Contains(c.TermId)).ToListAsync();
        Terms = [.. terms.Select(t => new TermView(t, [.. congresses.Where(c => c.TermId == t.Id).OrderBy(c => c.Date)]))];

        var cooptions = await db.Cooptions.AsNoTracking().Where(c => c.OrganisationId == id).ToListAsync();
        var touched = (await db.Posts.AsNoTracking().Include(p => p.Person)
                .Where(p => p.OrganisationId == id && (p.AddedByCooptionId != null || p.EndedByCooptionId != null)).ToListAsync())
            .Where(p => p.Person is not null).Select(p => new MemberRow(p, p.Person!)).ToList();
        Cooptions = [.. cooptions.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => new CooptionView(c,
            [.. touched.Where(r => r.Post.AddedByCooptionId == c.Id).OrderBy(r => r.Person.FullName)],
            [.. touched.Where(r => r.Post.EndedByCooptionId == c.Id).OrderBy(r => r.Person.FullName)]))];

        if (Organisation.HasMembership(org.Kind))
            Membership = await db.MembershipCounts.AsNoTracking().Where(c => c.OrganisationId == id).OrderByDescending(c => c.Date).ToListAsync();
        while (Input.Coopt.Add.Count < CooptRows) Input.Coopt.Add.Add(new PersonRow());
        while (Input.Congress.Targets.Count < TargetRows) Input.Congress.Targets.Add(new TargetRow());
        return true;
    }
}
