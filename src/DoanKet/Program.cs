using DoanKet;
using DoanKet.Cli;
using DoanKet.Infrastructure;

// No verb = serve; otherwise one of the command-line verbs (migrate, demo, user, backup, restore).
var (verb, hostArgs, verbArgs) = Verbs.Split(args);
// Reading a text needs no database and no host.
if (verb == "extract") return DoanKet.Features.History.ExtractVerb.Run(verbArgs);
if (verb == "bench" && verbArgs is ["extract", ..]) return ExtractBench.Run(Console.Out);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddDoanKet();
var app = builder.Build();
app.UseDoanKet();

if (verb is not null)
    return await Verbs.RunAsync(app, verb, verbArgs);

if (!await Startup.PrepareDatabaseAsync(app.Services, app.Configuration, app.Environment, Console.Out)) return 1;
await app.RunAsync();
return 0;

public partial class Program;
