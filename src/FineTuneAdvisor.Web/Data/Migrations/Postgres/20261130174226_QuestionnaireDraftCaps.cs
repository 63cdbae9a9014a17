using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FineTuneAdvisor.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuestionnaireDraftCaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ClientHash",
                table: "Drafts",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SavedForLater",
                table: "Drafts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ClientHash",
                table: "Drafts",
                column: "ClientHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Drafts_ClientHash",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "ClientHash",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "SavedForLater",
                table: "Drafts");
        }
    }
}
