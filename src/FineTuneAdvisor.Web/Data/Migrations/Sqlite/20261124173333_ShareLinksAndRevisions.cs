using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FineTuneAdvisor.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShareLinksAndRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ShareLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShareLinks_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every existing share link moves to the new table, so links already handed out keep working.
            migrationBuilder.Sql("INSERT INTO ShareLinks (AssessmentId, TokenHash, CreatedAt) SELECT Id, ShareTokenHash, CreatedAt FROM Assessments;");

            // The old column becomes the manage-token hash. Its old value is a share token's hash, which must not
            // grant owner rights: existing assessments get a random hash nobody holds (they have no owner link).
            migrationBuilder.Sql("UPDATE Assessments SET ShareTokenHash = randomblob(32);");

            migrationBuilder.RenameColumn(
                name: "ShareTokenHash",
                table: "Assessments",
                newName: "ManageTokenHash");

            migrationBuilder.RenameIndex(
                name: "IX_Assessments_ShareTokenHash",
                table: "Assessments",
                newName: "IX_Assessments_ManageTokenHash");

            migrationBuilder.AddColumn<string>(
                name: "ParentPublicId",
                table: "Drafts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LineageId",
                table: "Assessments",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NotesJson",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentPublicId",
                table: "Assessments",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // An existing assessment is the first of its own revision family.
            migrationBuilder.Sql("UPDATE Assessments SET LineageId = PublicId;");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_LineageId",
                table: "Assessments",
                column: "LineageId");

            migrationBuilder.CreateIndex(
                name: "IX_ShareLinks_AssessmentId",
                table: "ShareLinks",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ShareLinks_TokenHash",
                table: "ShareLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one share link per assessment: its first link's hash (the manage hash must not survive as one).
            migrationBuilder.Sql("UPDATE Assessments SET ManageTokenHash = COALESCE((SELECT TokenHash FROM ShareLinks WHERE ShareLinks.AssessmentId = Assessments.Id ORDER BY ShareLinks.Id LIMIT 1), randomblob(32));");

            migrationBuilder.DropTable(
                name: "ShareLinks");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_LineageId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ParentPublicId",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "LineageId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "NotesJson",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ParentPublicId",
                table: "Assessments");

            migrationBuilder.RenameColumn(
                name: "ManageTokenHash",
                table: "Assessments",
                newName: "ShareTokenHash");

            migrationBuilder.RenameIndex(
                name: "IX_Assessments_ManageTokenHash",
                table: "Assessments",
                newName: "IX_Assessments_ShareTokenHash");
        }
    }
}
