using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DoanKet.Data;

/// <summary>Chooses the engine from configuration: Database:Provider = sqlite | postgres.</summary>
public static class Database
{
    public static string Provider(IConfiguration config) =>
        (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();

    public static string DataFolder(IConfiguration config) =>
        Path.GetFullPath(config["DOANKET_DATA"] ?? Environment.GetEnvironmentVariable("DOANKET_DATA") ?? "data");

    public static string SqliteConnectionString(IConfiguration config)
    {
        var cs = config.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(cs)) return cs;
        var folder = DataFolder(config);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "doanket.db"), Pooling = true }.ToString();
    }

    public static IServiceCollection AddAppDb(this IServiceCollection services, IConfiguration config)
    {
        var provider = Provider(config);
        switch (provider)
        {
            case "sqlite":
                var sqlite = SqliteConnectionString(config);
                services.AddDbContext<AppDb, SqliteAppDb>((sp, o) => o
                    .UseSqlite(sqlite, x => x.MigrationsAssembly(typeof(AppDb).Assembly.FullName))
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), SqlitePragmas.Instance));
                break;
            case "postgres":
                var pg = config.GetConnectionString("Postgres")
                    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is required when Database:Provider = postgres.");
                services.AddDbContext<AppDb, PostgresAppDb>((sp, o) => o
                    .UseNpgsql(pg)
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use sqlite or postgres).");
        }
        services.AddSingleton<AuditInterceptor>();
        return services;
    }
}

/// <summary>WAL lets readers go on while one writer writes; busy_timeout waits instead of failing.</summary>
public sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}

// Design-time factories so that `dotnet ef migrations add` works for each engine.
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=design.db").Options, Infrastructure.Clock.System);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=doanket").Options, Infrastructure.Clock.System);
}
