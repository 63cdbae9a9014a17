using System.Collections.Concurrent;
using System.Data.Common;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// The group commit's INSERTs, as plain commands. EF's SaveChanges cost a new assessment about 30 KB of garbage, and
/// 13% of the process's CPU samples under POST load (5% now), for two rows it never reads back. The statements are
/// still EF's knowledge, generated once per context type from its model: table and column names in the provider's
/// quoting, and each column's type mapping with its value converter (UTC to the microsecond on SQLite), so a row is
/// stored exactly as SaveChanges would store it.
/// </summary>
public sealed class AssessmentInsert
{
    /// <summary>One per context type: each provider's context has a model (and quoting) of its own.</summary>
    private static readonly ConcurrentDictionary<Type, AssessmentInsert> Built = new();

    private readonly RowInsert _assessment;
    private readonly RowInsert _link;

    private AssessmentInsert(AdvisorDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        _assessment = new RowInsert(db.Model.FindEntityType(typeof(Assessment))!, sql);
        _link = new RowInsert(db.Model.FindEntityType(typeof(ShareLink))!, sql);
    }

    public static AssessmentInsert For(AdvisorDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Built.GetOrAdd(db.GetType(), static (_, context) => new AssessmentInsert(context), db);
    }

    /// <summary>Inserts the assessments and their share links in the open transaction, setting their ids as the database assigned them.</summary>
    public async Task InsertAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Assessment> assessments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        await using var insertAssessment = _assessment.Command(connection, transaction);
        await using var insertLink = _link.Command(connection, transaction);
        foreach (var assessment in assessments)
        {
            assessment.Id = await _assessment.InsertAsync(insertAssessment, assessment, cancellationToken);
            foreach (var link in assessment.ShareLinks)
            {
                link.AssessmentId = assessment.Id;
                link.Id = await _link.InsertAsync(insertLink, link, cancellationToken);
            }
        }
    }

    /// <summary>INSERT … RETURNING the key, for every column of one entity type but its generated key.</summary>
    private sealed class RowInsert
    {
        private readonly string _sql;
        private readonly (IProperty Property, RelationalTypeMapping Mapping)[] _columns;

        public RowInsert(IEntityType entity, ISqlGenerationHelper sql)
        {
            var mapping = entity.GetTableMappings().Single();
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var keyColumn = mapping.ColumnMappings.Single(c => c.Property == key).Column.Name;
            var columns = mapping.ColumnMappings.Where(c => c.Property != key).ToArray();
            _columns = [.. columns.Select(c => (c.Property, c.TypeMapping))];
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column.Name)));
            var values = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")));
            _sql = $"INSERT INTO {sql.DelimitIdentifier(mapping.Table.Name, mapping.Table.Schema)} ({names}) VALUES ({values}) RETURNING {sql.DelimitIdentifier(keyColumn)}";
        }

        public DbCommand Command(DbConnection connection, DbTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _sql;
            for (var i = 0; i < _columns.Length; i++)
            {
                command.Parameters.Add(_columns[i].Mapping.CreateParameter(command, $"p{i}", null, _columns[i].Property.IsNullable));
            }

            return command;
        }

        public async Task<int> InsertAsync(DbCommand command, object entity, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var (property, mapping) = _columns[i];
                var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
                command.Parameters[i].Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
            }

            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
