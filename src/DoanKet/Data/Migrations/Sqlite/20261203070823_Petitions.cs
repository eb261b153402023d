using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoanKet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Abbreviation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VoterRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Session = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoterRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoterRounds_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VoterMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Deputies = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoterMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoterMeetings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoterMeetings_VoterRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VoterRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Competence = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ContentFolded = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PublicSummary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PublicFolded = table.Column<string>(type: "TEXT", maxLength: 11000, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    PetitionerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PetitionerContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PetitionerAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    VoterMeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    ForwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AnswerDocument = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredLate = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReopenUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TransferredTo = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DuplicateOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Petitions_DuplicateOfId",
                        column: x => x.DuplicateOfId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_VoterMeetings_VoterMeetingId",
                        column: x => x.VoterMeetingId,
                        principalTable: "VoterMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionEvents_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_UnitId",
                table: "Agencies",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_PetitionId",
                table: "PetitionEvents",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_AgencyId",
                table: "Petitions",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Code",
                table: "Petitions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_DuplicateOfId",
                table: "Petitions",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Status_DueDate",
                table: "Petitions",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TopicId",
                table: "Petitions",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_UnitId_ReceivedOn",
                table: "Petitions",
                columns: new[] { "UnitId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_VoterMeetingId",
                table: "Petitions",
                column: "VoterMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Code",
                table: "Topics",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoterMeetings_RoundId",
                table: "VoterMeetings",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterMeetings_UnitId",
                table: "VoterMeetings",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRounds_UnitId",
                table: "VoterRounds",
                column: "UnitId");

            // Petitions recorded one by one count among the people's opinions (an administrator's own edit is left alone).
            migrationBuilder.Sql("UPDATE \"Indicators\" SET \"Facts\" = 'hop_dan.y_kien|nam_tinh_hinh.y_kien|doi_thoai.y_kien|hoi_nghi.dan_cu.y_kien|hoi_nghi.so_ket.y_kien|hoi_nghi.uy_ban.y_kien|y_kien.nhan' WHERE \"Code\" = 'y_kien_nhan_dan' AND \"Facts\" = 'hop_dan.y_kien|nam_tinh_hinh.y_kien|doi_thoai.y_kien|hoi_nghi.dan_cu.y_kien|hoi_nghi.so_ket.y_kien|hoi_nghi.uy_ban.y_kien';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PetitionEvents");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "VoterMeetings");

            migrationBuilder.DropTable(
                name: "VoterRounds");
        }
    }
}
