using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using DoanKet.Features.Indicators;
using DoanKet.Data;
using DoanKet.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DoanKet.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test, copied from a template that is migrated (and, if asked, loaded with
/// the demo data) once per engine and test run: a SQLite file copied with the backup API, or a
/// PostgreSQL database made with CREATE DATABASE … TEMPLATE.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string RunId = $"{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
    private static readonly string Folder = Directory.CreateTempSubdirectory("doanket-tests-").FullName;
    private static readonly ConcurrentDictionary<(string Engine, bool Demo), Lazy<Task<string>>> Templates = new();
    private static int _counter;
    private static readonly SemaphoreSlim SqliteCopyGate = new(1, 1);

    static TestDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplates();

    /// <summary>Templates live for the whole run; remove them (and the SQLite folder) when the test host exits.</summary>
    private static void DropTemplates()
    {
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        foreach (var ((engine, _), template) in Templates)
        {
            if (engine != Engines.Postgres || !template.IsValueCreated || !template.Value.IsCompletedSuccessfully) continue;
            try
            {
                NpgsqlConnection.ClearAllPools();
                AdminAsync($"DROP DATABASE IF EXISTS \"{template.Value.Result}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException) { }
            catch (InvalidOperationException) { }
        }
    }

    public string Engine { get; }
    public string ConnectionString { get; }
    private readonly string? _pgName;
    private readonly string? _file;

    private TestDatabase(string engine, string connectionString, string? pgName, string? file)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _pgName = pgName;
        _file = file;
    }

    public static async Task<TestDatabase> CreateAsync(string engine, bool demo)
    {
        var template = await Templates.GetOrAdd((engine, demo), k => new Lazy<Task<string>>(() => BuildTemplateAsync(k.Engine, k.Demo))).Value;
        var n = Interlocked.Increment(ref _counter);
        if (engine == Engines.Sqlite)
        {
            var file = Path.Combine(Folder, $"test{n}.db");
            // One copy at a time, retried while SQLite answers "busy": concurrent openers of the template (a WAL file)
            // could otherwise hit SQLITE_BUSY_RECOVERY ("database is locked", error 261) and fail a random test.
            await SqliteCopyGate.WaitAsync();
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var source = new SqliteConnection(SqliteCs(template));
                        await using var target = new SqliteConnection(SqliteCs(file));
                        await source.OpenAsync();
                        await target.OpenAsync();
                        source.BackupDatabase(target);
                        break;
                    }
                    catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 5 or 6 && attempt < 20)
                    {
                        await Task.Delay(50 * attempt);
                    }
                }
            }
            finally { SqliteCopyGate.Release(); }
            return new TestDatabase(engine, SqliteCs(file), null, file);
        }
        var name = $"dkt_{RunId}_{n}";
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(engine, PgCs(name), name, null);
    }

    /// <summary>An empty, not yet migrated database.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(string engine)
    {
        var n = Interlocked.Increment(ref _counter);
        if (engine == Engines.Sqlite)
        {
            var file = Path.Combine(Folder, $"empty{n}.db");
            return new TestDatabase(engine, SqliteCs(file), null, file);
        }
        var name = $"dkt_{RunId}_e{n}";
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(engine, PgCs(name), name, null);
    }

    private static async Task<string> BuildTemplateAsync(string engine, bool demo)
    {
        var empty = await CreateEmptyAsync(engine);
        await using (var app = new TestApp(empty, ownsDatabase: false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await Catalogue.MigrateAsync(db);
            if (demo) await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).LoadAsync();
        }
        if (engine == Engines.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return empty._file!;
        }
        NpgsqlConnection.ClearAllPools();
        return empty._pgName!;
    }

    public static string SqliteCs(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();

    public static string PgCs(string database)
    {
        var admin = Engines.PostgresAdmin ?? throw new InvalidOperationException(Engines.MissingPostgres);
        return new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true, MaxPoolSize = 20 }.ToString();
    }

    private static async Task AdminAsync(string sql)
    {
        var admin = Engines.PostgresAdmin ?? throw new InvalidOperationException(Engines.MissingPostgres);
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ToString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public DbConnection OpenConnection()
    {
        DbConnection conn = Engine == Engines.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        conn.Open();
        return conn;
    }

    /// <summary>
    /// Every row of every table (or of the tables named), as sorted text lines per table: equal snapshots mean equal
    /// contents. Binary values are shown by their SHA-256, so a changed file is seen too.
    /// </summary>
    public async Task<SortedDictionary<string, List<string>>> SnapshotAsync(IReadOnlyList<string>? only = null)
    {
        await using var conn = OpenConnection();
        var tables = only?.ToList() ?? await TableNamesAsync(conn);
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync())
            {
                var cells = new string[r.FieldCount];
                for (var i = 0; i < r.FieldCount; i++)
                    cells[i] = r.GetName(i) + "=" + (r.IsDBNull(i) ? "NULL"
                        : r.GetValue(i) is byte[] bytes ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))
                        : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture));
                rows.Add(string.Join("|", cells));
            }
            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }
        return result;
    }

    private async Task<List<string>> TableNamesAsync(DbConnection conn)
    {
        var tables = new List<string>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Engine == Engines.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) tables.Add(r.GetString(0));
        return tables;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        else if (_pgName is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            try { await AdminAsync($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)"); } catch (NpgsqlException) { }
        }
    }
}
