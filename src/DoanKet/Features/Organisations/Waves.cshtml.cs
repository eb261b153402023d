using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public class WavesModel(AppDb db, UnitScope scope, CongressWaves waves) : PageModel
{
    public sealed class WaveInput
    {
        public int UnitId { get; set; }
        public string? Name { get; set; }
        public UnitLevel Level { get; set; } = UnitLevel.Commune;
        public DateOnly? StartDate { get; set; }
        public DateOnly? DueDate { get; set; }
    }

    [BindProperty] public WaveInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public List<WaveProgress> Waves { get; private set; } = [];
    public List<Unit> Organisers { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var organiser = await db.Units.FirstOrDefaultAsync(u => u.Id == Input.UnitId);
        if (organiser is null || !await scope.CanAdministerAsync(organiser)) return Forbid();
        var input = new NewWaveInput(Input.UnitId, Input.Name, Input.Level, Input.StartDate, Input.DueDate);
        foreach (var (field, messages) in await waves.ValidateAsync(input, organiser))
            foreach (var m in messages) ModelState.AddModelError("Input." + field, m);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var wave = await waves.CreateAsync(input, organiser);
        Message = $"Đã tạo đợt “{wave.Name}”.";
        return Redirect($"/dai-hoi/{wave.Id}");
    }

    private async Task LoadAsync()
    {
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        foreach (var (wave, organiser) in await WaveQueries.VisibleAsync(db, readable))
            Waves.Add(await waves.ProgressAsync(wave, organiser, readable, db.Clock.Today));
        var home = await scope.HomeAsync();
        if (home is not null && await scope.CanAdministerAsync(home))
            Organisers = await db.Units.AsNoTracking().Under(home.Path).Where(u => u.ValidTo == null && u.Level < UnitLevel.ResidentialGroup)
                .OrderBy(u => u.Level).ThenBy(u => u.Path).Take(200).ToListAsync();
    }
}
