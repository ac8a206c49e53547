using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Sqlite
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
                type: "TEXT",
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
