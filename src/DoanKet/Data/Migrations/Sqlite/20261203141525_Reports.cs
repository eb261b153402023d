using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NewsDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Lead = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsDrafts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportDeadlines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDeadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportDeadlines_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Situation = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Tasks = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Proposals = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    NumberYear = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewReports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewsDrafts_UnitId",
                table: "NewsDrafts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeadlines_UnitId_PeriodId",
                table: "ReportDeadlines",
                columns: new[] { "UnitId", "PeriodId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewReports_UnitId_NumberYear_Number",
                table: "ReviewReports",
                columns: new[] { "UnitId", "NumberYear", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewReports_UnitId_PeriodId",
                table: "ReviewReports",
                columns: new[] { "UnitId", "PeriodId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NewsDrafts");

            migrationBuilder.DropTable(
                name: "ReportDeadlines");

            migrationBuilder.DropTable(
                name: "ReviewReports");
        }
    }
}
