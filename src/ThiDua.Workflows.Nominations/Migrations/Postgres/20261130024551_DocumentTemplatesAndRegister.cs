using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Nominations.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DocumentTemplatesAndRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FullName",
                table: "Users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SigningTitle",
                table: "Users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Package",
                table: "ProvinceSubmissions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredBy",
                table: "Decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureLines",
                table: "Decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerName",
                table: "Decisions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DocumentTemplates",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    UploadedBy = table.Column<string>(type: "text", nullable: false),
                    UploadedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentTemplates", x => x.Code);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentTemplates");

            migrationBuilder.DropColumn(
                name: "FullName",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "SigningTitle",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Package",
                table: "ProvinceSubmissions");

            migrationBuilder.DropColumn(
                name: "RegisteredBy",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "SignatureLines",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "SignerName",
                table: "Decisions");
        }
    }
}
