using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkflowSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkflowSignals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    NominationId = table.Column<string>(type: "text", nullable: false),
                    Stimulus = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Input = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    DeliveredAt = table.Column<long>(type: "bigint", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowSignals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSignals_DeliveredAt",
                table: "WorkflowSignals",
                column: "DeliveredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowSignals");
        }
    }
}
