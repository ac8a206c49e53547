using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeadLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowSignals_DeliveredAt",
                table: "WorkflowSignals");

            migrationBuilder.AddColumn<long>(
                name: "DeadAt",
                table: "WorkflowSignals",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DiscardedAt",
                table: "WorkflowSignals",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "WorkflowSignals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "WorkflowSignals",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSignals_DeliveredAt_NextAttemptAt",
                table: "WorkflowSignals",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowSignals_DeliveredAt_NextAttemptAt",
                table: "WorkflowSignals");

            migrationBuilder.DropColumn(
                name: "DeadAt",
                table: "WorkflowSignals");

            migrationBuilder.DropColumn(
                name: "DiscardedAt",
                table: "WorkflowSignals");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "WorkflowSignals");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "WorkflowSignals");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSignals_DeliveredAt",
                table: "WorkflowSignals",
                column: "DeliveredAt");
        }
    }
}
