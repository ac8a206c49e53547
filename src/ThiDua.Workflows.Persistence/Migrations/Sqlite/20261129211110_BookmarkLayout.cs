using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ThiDua.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookmarkLayout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID (EF cannot say it): the rows live in the primary-key tree, so a burst that claims one
            // bookmark and adds the next for the same instance writes one page of it, not a table page and an index
            // page for each. The ResumeAt index becomes partial: only timers have a due time.
            migrationBuilder.Sql("""
                CREATE TABLE "Bookmarks_new" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookmarks" PRIMARY KEY,
                    "WorkflowInstanceId" TEXT NOT NULL,
                    "Name" TEXT NOT NULL,
                    "Hash" TEXT NOT NULL,
                    "ActivityInstanceId" TEXT NOT NULL,
                    "ActivityNodePath" TEXT NOT NULL,
                    "ActivityId" TEXT NOT NULL,
                    "CorrelationId" TEXT NULL,
                    "Payload" TEXT NOT NULL,
                    "ResumeAt" INTEGER NULL,
                    "CreatedAt" INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO "Bookmarks_new" SELECT "Id", "WorkflowInstanceId", "Name", "Hash", "ActivityInstanceId", "ActivityNodePath",
                    "ActivityId", "CorrelationId", "Payload", "ResumeAt", "CreatedAt" FROM "Bookmarks";
                DROP TABLE "Bookmarks";
                ALTER TABLE "Bookmarks_new" RENAME TO "Bookmarks";
                CREATE INDEX "IX_Bookmarks_Hash" ON "Bookmarks" ("Hash");
                CREATE INDEX "IX_Bookmarks_WorkflowInstanceId" ON "Bookmarks" ("WorkflowInstanceId");
                CREATE INDEX "IX_Bookmarks_ResumeAt" ON "Bookmarks" ("ResumeAt") WHERE "ResumeAt" IS NOT NULL;
                """);

            // The journal's id without AUTOINCREMENT: the same rowid alias, minus a write to sqlite_sequence per burst
            // (ids are never referenced, so one reused after a deletion is harmless).
            migrationBuilder.Sql("""
                CREATE TABLE "Journal_new" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_Journal" PRIMARY KEY,
                    "WorkflowInstanceId" TEXT NOT NULL,
                    "FirstSequence" INTEGER NOT NULL,
                    "LastSequence" INTEGER NOT NULL,
                    "Timestamp" INTEGER NOT NULL,
                    "Entries" TEXT NOT NULL
                );
                INSERT INTO "Journal_new" SELECT "Id", "WorkflowInstanceId", "FirstSequence", "LastSequence", "Timestamp", "Entries" FROM "Journal";
                DROP TABLE "Journal";
                ALTER TABLE "Journal_new" RENAME TO "Journal";
                CREATE UNIQUE INDEX "IX_Journal_WorkflowInstanceId_FirstSequence" ON "Journal" ("WorkflowInstanceId", "FirstSequence");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookmarks_ResumeAt",
                table: "Bookmarks");

            migrationBuilder.CreateIndex(
                name: "IX_Bookmarks_ResumeAt",
                table: "Bookmarks",
                column: "ResumeAt");
        }
    }
}
