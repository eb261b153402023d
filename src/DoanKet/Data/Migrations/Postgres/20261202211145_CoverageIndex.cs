using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoverageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CoverageMonths_Key_Level_Month",
                table: "CoverageMonths");

            migrationBuilder.CreateIndex(
                name: "IX_CoverageMonths_Key_Level_ProvinceId_Month",
                table: "CoverageMonths",
                columns: new[] { "Key", "Level", "ProvinceId", "Month" })
                .Annotation("Npgsql:IndexInclude", new[] { "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CoverageMonths_Key_Level_ProvinceId_Month",
                table: "CoverageMonths");

            migrationBuilder.CreateIndex(
                name: "IX_CoverageMonths_Key_Level_Month",
                table: "CoverageMonths",
                columns: new[] { "Key", "Level", "Month" })
                .Annotation("Npgsql:IndexInclude", new[] { "ProvinceId", "UnitId" });
        }
    }
}
