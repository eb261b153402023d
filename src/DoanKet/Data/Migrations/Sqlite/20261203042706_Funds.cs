using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Funds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Funds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HeadSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Funds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Funds_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BankStatements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Layout = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    NewLines = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankStatements_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bank = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundAccounts_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AppealId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportBatches_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppealTargets",
                columns: table => new
                {
                    AppealId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealTargets", x => new { x.AppealId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_AppealTargets_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppealTargets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MoneyEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    AppealId = table.Column<int>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: true),
                    DonorType = table.Column<int>(type: "INTEGER", nullable: true),
                    DonorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DonorFolded = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DonorAccount = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    InKindDescription = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    Earmark = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: true),
                    BeneficiaryName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    BeneficiaryGroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    Category = table.Column<int>(type: "INTEGER", nullable: true),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Gifts = table.Column<int>(type: "INTEGER", nullable: false),
                    Houses = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReversesId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ImportBatchId = table.Column<int>(type: "INTEGER", nullable: true),
                    ImportRow = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoneyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoneyEntries_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoneyEntries_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoneyEntries_Units_ToUnitId",
                        column: x => x.ToUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoneyEntries_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BankLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CounterpartyName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CounterpartyAccount = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LineKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    MatchedByHand = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankLines_BankStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "BankStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BankLines_MoneyEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "MoneyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FundId",
                table: "Appeals",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealTargets_UnitId",
                table: "AppealTargets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_EntryId",
                table: "BankLines",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_FundId_LineKey",
                table: "BankLines",
                columns: new[] { "FundId", "LineKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_StatementId",
                table: "BankLines",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_FundId_FileHash",
                table: "BankStatements",
                columns: new[] { "FundId", "FileHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundAccounts_FundId",
                table: "FundAccounts",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_Funds_UnitId",
                table: "Funds",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_FundId_Kind_FileHash",
                table: "ImportBatches",
                columns: new[] { "FundId", "Kind", "FileHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_AppealId",
                table: "MoneyEntries",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_DonorFolded",
                table: "MoneyEntries",
                columns: new[] { "FundId", "DonorFolded" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_Amount_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "Amount", "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Kind_Date_Id",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Kind", "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Reference",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_FundId_Seq",
                table: "MoneyEntries",
                columns: new[] { "FundId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_ImportBatchId_ImportRow",
                table: "MoneyEntries",
                columns: new[] { "ImportBatchId", "ImportRow" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_ReversesId",
                table: "MoneyEntries",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_ToUnitId",
                table: "MoneyEntries",
                column: "ToUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MoneyEntries_UnitId_Date",
                table: "MoneyEntries",
                columns: new[] { "UnitId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealTargets");

            migrationBuilder.DropTable(
                name: "BankLines");

            migrationBuilder.DropTable(
                name: "FundAccounts");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "BankStatements");

            migrationBuilder.DropTable(
                name: "MoneyEntries");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "Funds");
        }
    }
}
