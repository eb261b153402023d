using Npgsql;
using NpgsqlTypes;

namespace DoanKet.Data;

/// <summary>Binary COPY of plain values into a PostgreSQL table (bulk ledger appends, facts, benchmarks).</summary>
public static class Copy
{
    /// <summary>From this many rows at once (imports, bulk ledger appends) PostgreSQL gets them by COPY rather than INSERTs.</summary>
    public const int From = 100;

    public static async Task IntoAsync(NpgsqlConnection conn, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"""COPY "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)""");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            foreach (var v in row)
                switch (v)
                {
                    case null: await copy.WriteNullAsync(); break;
                    case DateOnly d: await copy.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTime t: await copy.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    case long l: await copy.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case int n: await copy.WriteAsync(n, NpgsqlDbType.Integer); break;
                    case string s: await copy.WriteAsync(s, NpgsqlDbType.Text); break;
                    default: throw new ArgumentException($"COPY of {v.GetType().Name} is not supported");
                }
        }
        await copy.CompleteAsync();
    }
}
