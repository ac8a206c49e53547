using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Postgres
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
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PostedTo",
                table: "Proposals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificateHandedOverOn",
                table: "Commendations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateReceivedBy",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateRecordedBy",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeFund",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PrizePaidAmount",
                table: "Commendations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizePaidBy",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PrizePaidOn",
                table: "Commendations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeRecordedBy",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrizeVoucher",
                table: "Commendations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PostingAtUnit",
                table: "AwardKinds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CalendarDeadlines",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    DueMonth = table.Column<int>(type: "integer", nullable: false),
                    DueDay = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Fulfilment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AwardCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OpensDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    Reminders = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EscalateAfterWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
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
