using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Totals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverageMonths",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageMonths", x => new { x.UnitId, x.Month, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProvinceMonthlyTotals",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Facts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvinceMonthlyTotals", x => new { x.UnitId, x.Month, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Units_Level_Path",
                table: "Units",
                columns: new[] { "Level", "Path" });

            migrationBuilder.CreateIndex(
                name: "IX_CoverageMonths_Key_Level_ProvinceId_Month",
                table: "CoverageMonths",
                columns: new[] { "Key", "Level", "ProvinceId", "Month" })
                .Annotation("Npgsql:IndexInclude", new[] { "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvinceMonthlyTotals_Month",
                table: "ProvinceMonthlyTotals",
                column: "Month")
                .Annotation("Npgsql:IndexInclude", new[] { "Key", "UnitId", "Value" });

            // Existing databases: the province rows from the monthly rows already there (coverage months are
            // built at start-up by Catalogue.EnsureAsync, which knows the coverage keys).
            migrationBuilder.Sql("""
                INSERT INTO "ProvinceMonthlyTotals" ("UnitId", "Month", "Key", "Value", "Facts")
                SELECT p."Id", m."Month", m."Key", SUM(m."Value"), SUM(m."Facts")
                FROM "MonthlyTotals" m JOIN "Units" u ON u."Id" = m."UnitId"
                JOIN "Units" p ON p."Level" = 1 AND u."Path" >= p."Path" AND u."Path" < substr(p."Path", 1, length(p."Path") - 1) || '0'
                GROUP BY p."Id", m."Month", m."Key"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverageMonths");

            migrationBuilder.DropTable(
                name: "ProvinceMonthlyTotals");

            migrationBuilder.DropIndex(
                name: "IX_Units_Level_Path",
                table: "Units");
        }
    }
}
