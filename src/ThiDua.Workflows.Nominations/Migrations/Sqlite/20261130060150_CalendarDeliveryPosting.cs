using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendarDeliveryPosting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PostedFrom",
                table: "Proposals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PostedTo",
                table: "Proposals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificateHandedOverOn",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateReceivedBy",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateRecordedBy",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeFund",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PrizePaidAmount",
                table: "Commendations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizePaidBy",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PrizePaidOn",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeRecordedBy",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeVoucher",
                table: "Commendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PostingAtUnit",
                table: "AwardKinds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CalendarDeadlines",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    DueMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDay = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Fulfilment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AwardCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OpensDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Reminders = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EscalateAfterWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDeadlines", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarDeadlines");

            migrationBuilder.DropColumn(
                name: "PostedFrom",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "PostedTo",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "CertificateHandedOverOn",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "CertificateReceivedBy",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "CertificateRecordedBy",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizeFund",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizePaidAmount",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizePaidBy",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizePaidOn",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizeRecordedBy",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PrizeVoucher",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "PostingAtUnit",
                table: "AwardKinds");
        }
    }
}
