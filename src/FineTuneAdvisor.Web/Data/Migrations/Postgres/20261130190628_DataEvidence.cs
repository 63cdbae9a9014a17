using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FineTuneAdvisor.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DataEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DataEvidenceJson",
                table: "Drafts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataEvidenceJson",
                table: "Assessments",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DataEvidenceJson",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "DataEvidenceJson",
                table: "Assessments");
        }
    }
}
