using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObjectionAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Objections",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Address",
                table: "Objections");
        }
    }
}
