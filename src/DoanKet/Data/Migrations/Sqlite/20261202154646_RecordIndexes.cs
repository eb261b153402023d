using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyTotals_Month_Key",
                table: "MonthlyTotals");

            migrationBuilder.DropIndex(
                name: "IX_DailyTotals_Day_Key",
                table: "DailyTotals");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyTotals_Month",
                table: "MonthlyTotals",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyTotals_UnitId_Month",
                table: "MonthlyTotals",
                columns: new[] { "UnitId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyTotals_Key_Day",
                table: "DailyTotals",
                columns: new[] { "Key", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyTotals_UnitId_Day",
                table: "DailyTotals",
                columns: new[] { "UnitId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyTotals_Month",
                table: "MonthlyTotals");

            migrationBuilder.DropIndex(
                name: "IX_MonthlyTotals_UnitId_Month",
                table: "MonthlyTotals");

            migrationBuilder.DropIndex(
                name: "IX_DailyTotals_Key_Day",
                table: "DailyTotals");

            migrationBuilder.DropIndex(
                name: "IX_DailyTotals_UnitId_Day",
                table: "DailyTotals");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyTotals_Month_Key",
                table: "MonthlyTotals",
                columns: new[] { "Month", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyTotals_Day_Key",
                table: "DailyTotals",
                columns: new[] { "Day", "Key" });
        }
    }
}
