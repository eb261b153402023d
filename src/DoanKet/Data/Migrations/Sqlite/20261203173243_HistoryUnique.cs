using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HistoricalDocuments_UnitId_PeriodId_ContentHash",
                table: "HistoricalDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_HistoricalDocuments_UnitId_PeriodId_ContentHash",
                table: "HistoricalDocuments",
                columns: new[] { "UnitId", "PeriodId", "ContentHash" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HistoricalDocuments_UnitId_PeriodId_ContentHash",
                table: "HistoricalDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_HistoricalDocuments_UnitId_PeriodId_ContentHash",
                table: "HistoricalDocuments",
                columns: new[] { "UnitId", "PeriodId", "ContentHash" });
        }
    }
}
