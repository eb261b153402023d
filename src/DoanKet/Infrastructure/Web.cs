using System.Globalization;
using DoanKet.Data;
using DoanKet.Features.Accounts;
using DoanKet.Features.Audit;
using DoanKet.Features.Funds;
using DoanKet.Features.Indicators;
using DoanKet.Features.Organisations;
using DoanKet.Features.Petitions;
using DoanKet.Features.Public;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using System.Threading.RateLimiting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace DoanKet;

public static class Web
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void AddDoanKet(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        CultureInfo.DefaultThreadCurrentCulture = Vietnamese;
        CultureInfo.DefaultThreadCurrentUICulture = Vietnamese;

        services.AddHttpContextAccessor();
        // One clock for the app (Infrastructure/Clock.cs); tests replace the TimeProvider with a fake.
        services.AddSingleton(Clock.FromConfiguration(config));
        services.AddSingleton<Clock>();
        // Vietnamese text is written as is in HTML, not as &#x…; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAppDb(config);
        services.AddDataProtection().SetApplicationName("DoanKet").PersistKeysToDbContext<AppDb>();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>();

        // Pages sign in with the cookie; the API takes personal access tokens (Bearer) only,
        // so a cookie can never be replayed cross-site against it.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/dang-nhap";
            o.LogoutPath = "/dang-xuat";
            o.AccessDeniedPath = "/khong-co-quyen";
            o.Cookie.Name = "doanket";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(AccessTokenHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admins));

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Home/Index");
            o.Conventions.AllowAnonymousToPage("/Accounts/Login");
            o.Conventions.AllowAnonymousToPage("/Home/Error");
            o.Conventions.AllowAnonymousToPage("/Home/AccessDenied");
            // The transparency pages: read-only, masked, no sign-in.
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AllowAnonymousToFolder("/Portal/Site");
            o.Conventions.AddPageRoute("/Portal/Site/Search", "/p/tim-kiem");
        }).AddMvcOptions(o =>
        {
            // Model-binding messages (a letter in a number field…) in Vietnamese, for every form.
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((v, _) => $"Giá trị “{v}” không hợp lệ.");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
            m.SetValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
            m.SetUnknownValueIsInvalidAccessor(_ => "Giá trị không hợp lệ.");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
            m.SetValueMustBeANumberAccessor(_ => "Phải nhập số.");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "Phải nhập số.");
            m.SetValueMustNotBeNullAccessor(_ => "Không được để trống.");
            m.SetMissingBindRequiredValueAccessor(_ => "Thiếu giá trị.");
            m.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung gửi lên.");
        });
        services.AddProblemDetails();
        services.AddOutputCache(o =>
        {
            Features.Public.PublicCache.Configure(o);
            Features.Portal.Publishing.Configure(o);
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "DoanKet API";
            doc.Info.Description = "API của DoanKet. Xác thực bằng mã truy cập cá nhân: Authorization: Bearer dk_…";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<AppDb>("database");
        services.Configure<FormOptions>(o => { o.MultipartBodyLengthLimit = 10 * 1024 * 1024; o.ValueCountLimit = 2000; });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 10 * 1024 * 1024);

        services.AddScoped<UnitScope>();
        services.AddScoped<UnitLineageQueries>();
        services.AddScoped<UnitChanges>();
        services.AddScoped<Registry>();
        services.AddScoped<RosterExcel>();
        services.AddScoped<CongressWaves>();
        services.AddScoped<CarryOver>();
        services.AddScoped<RecordWriter>();
        services.AddScoped<Features.History.HistoryImport>();
        services.AddScoped<Figures>();
        services.AddScoped<Features.Reports.ReportBuilder>();
        services.AddScoped<Features.Reports.ReportWorkflow>();
        services.AddScoped<Features.News.NewsWriter>();
        services.AddScoped<FundLedger>();
        services.AddScoped<BankStatements>();
        services.AddScoped<FundImport>();
        services.AddSingleton<ImportWorker>();
        services.AddScoped<Features.Portal.Publishing>();
        services.AddSingleton<Features.Portal.VisitCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Portal.VisitCounter>());
        // Behind a reverse proxy or load balancer the client's address comes from X-Forwarded-For, trusted only
        // from loopback and the networks listed in ForwardedHeaders:KnownNetworks (CIDR): the form's rate limit is per citizen, not per proxy.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.Configure<PetitionOptions>(config.GetSection("Petitions"));
        services.AddScoped<PetitionFlow>();
        // The public petition form: a few submissions per address and window; reading it is not limited.
        var formLimit = config.GetValue("Petitions:FormLimit", 5);
        // Looking codes up is limited too, so nobody can try codes until one opens somebody's petition.
        var trackLimit = config.GetValue("Petitions:TrackLimit", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Features.Public.PetitionModel.RateLimit, ctx =>
            {
                var address = ctx.Connection.RemoteIpAddress?.ToString() ?? "?";
                if (HttpMethods.IsPost(ctx.Request.Method))
                    return RateLimitPartition.GetFixedWindowLimiter("post " + address, _ => new FixedWindowRateLimiterOptions { PermitLimit = formLimit, Window = TimeSpan.FromMinutes(10) });
                if (ctx.Request.Query.ContainsKey("ma"))
                    return RateLimitPartition.GetFixedWindowLimiter("code " + address, _ => new FixedWindowRateLimiterOptions { PermitLimit = trackLimit, Window = TimeSpan.FromMinutes(10) });
                return RateLimitPartition.GetNoLimiter("read");
            });
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Bạn đã gửi nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút.", ct);
            };
        });
        services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());

        if (config.GetValue<bool>("OpenTelemetry:Enabled"))
        {
            var endpoint = config["OpenTelemetry:OtlpEndpoint"];
            services.AddOpenTelemetry()
                .WithTracing(t =>
                {
                    t.AddAspNetCoreInstrumentation();
                    if (string.IsNullOrWhiteSpace(endpoint)) t.AddConsoleExporter(); else t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                })
                .WithMetrics(m =>
                {
                    m.AddAspNetCoreInstrumentation();
                    if (string.IsNullOrWhiteSpace(endpoint)) m.AddConsoleExporter(); else m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                });
        }
    }

    public static void UseDoanKet(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // The API answers errors as problem details; pages show the Vietnamese error page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"),
            a => a.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor }).UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            a => a.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/loi", StatusCodeSelector = StatusFor })
                  .UseStatusCodePagesWithReExecute("/loi", "?code={0}"));
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers.XFrameOptions = "DENY";
            ctx.Response.Headers["Referrer-Policy"] = "same-origin";
            // Scripts and images from this site only, no plugins, no framing. The API reference page loads its own
            // bundle with inline code, so it alone goes without.
            if (!ctx.Request.Path.StartsWithSegments("/api-docs") && !ctx.Request.Path.StartsWithSegments("/scalar"))
                ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            await next();
        });
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = [Vietnamese],
            SupportedUICultures = [Vietnamese],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(Features.Portal.VisitCounter.Middleware);
        app.UseOutputCache();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("DoanKet API").AddPreferredSecuritySchemes("Bearer")).AllowAnonymous();
        app.MapRazorPages();

        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api).WithTags("DoanKet");
        api.MapUnits();
        api.MapAccounts();
        api.MapAudit();
        api.MapOrganisations();
        api.MapCongressWaves();
        api.MapCarryOver();
        api.MapRecords();
        api.MapIndicators();
        api.MapFunds();
        api.MapPetitions();
        app.MapPublicLedger();
        app.MapOpen311();
        Features.Portal.Files.MapPortalFiles(app);
        Features.Portal.Feeds.MapPortalFeeds(app);
        // Unknown API paths answer as problem details, not as the HTML 404 page.
        app.MapFallback("/api/{**rest}", () => TypedResults.Problem(statusCode: 404, title: "Không tìm thấy địa chỉ API.")).AllowAnonymous();
    }

    // A request that is too large or malformed is the caller's fault: 4xx, never 500.
    private static int StatusFor(Exception e) => e switch
    {
        BadHttpRequestException b => b.StatusCode,
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };
}

public static class Policies
{
    public const string Api = "api";
    public const string Admin = "admin";
}
