using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DonorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_DonorFolded",
                table: "MoneyEntries");

            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_FundId_Kind_Date_Id",
                table: "MoneyEntries");

            migrationBuilder.CreateTable(
                name: "FundDonorNames",
                columns: table => new
                {
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    Words = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Folded = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Entries = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundDonorNames", x => new { x.FundId, x.Words, x.Folded });
                });

            // The names of the contributions already in the ledger, from each of their words.
            migrationBuilder.Sql("""
                INSERT INTO "FundDonorNames" ("FundId", "Words", "Folded", "Entries")
                SELECT n."FundId", array_to_string(n.w[i:], ' '), n."Folded", n."Entries"
                FROM (SELECT "FundId", "DonorFolded" AS "Folded", COUNT(*) AS "Entries", string_to_array("DonorFolded", ' ') AS w
                      FROM "MoneyEntries" WHERE "Kind" = 0 AND "DonorFolded" IS NOT NULL AND "DonorFolded" <> ''
                      GROUP BY "FundId", "DonorFolded") AS n,
                     generate_series(1, array_length(n.w, 1)) AS i
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "Date", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "DonorFolded", "AppealId" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_DonorFolded_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "DonorFolded", "Date", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "AppealId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundDonorNames");

            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_FundId_Kind_Date_Id",
                table: "MoneyEntries");

            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_FundId_Kind_DonorFolded_Date_Id",
                table: "MoneyEntries");

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_DonorFolded",
                table: "MoneyEntries",
                column: "DonorFolded")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "Date", "Id" });
        }
    }
}
