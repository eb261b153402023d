using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DonorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_FundId_DonorFolded",
                table: "MoneyEntries");

            migrationBuilder.CreateTable(
                name: "FundDonorNames",
                columns: table => new
                {
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Words = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Folded = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Entries = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundDonorNames", x => new { x.FundId, x.Words, x.Folded });
                });

            // The names of the contributions already in the ledger, from each of their words.
            migrationBuilder.Sql("""
                WITH RECURSIVE n AS (
                    SELECT "FundId", "DonorFolded" AS "Folded", COUNT(*) AS "Entries" FROM "MoneyEntries"
                    WHERE "Kind" = 0 AND "DonorFolded" IS NOT NULL AND "DonorFolded" <> ''
                    GROUP BY "FundId", "DonorFolded"),
                e("FundId", "Words", "Folded", "Entries") AS (
                    SELECT "FundId", "Folded", "Folded", "Entries" FROM n
                    UNION ALL
                    SELECT "FundId", substr("Words", instr("Words", ' ') + 1), "Folded", "Entries" FROM e WHERE instr("Words", ' ') > 0)
                INSERT INTO "FundDonorNames" ("FundId", "Words", "Folded", "Entries") SELECT "FundId", "Words", "Folded", "Entries" FROM e
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_DonorFolded_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "DonorFolded", "Date", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundDonorNames");

            migrationBuilder.DropIndex(
                name: "IX_MoneyEntries_FundId_Kind_DonorFolded_Date_Id",
                table: "MoneyEntries");

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_DonorFolded",
                table: "MoneyEntries",
                columns: new[] { "FundId", "DonorFolded" });
        }
    }
}
