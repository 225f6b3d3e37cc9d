using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1000: ADO.NET command text (every provider through DbCommand/IDbCommand), provider constructors and data adapters, Dapper, EF Core and EF6 raw SQL.</summary>
internal static class SqlInjectionRule
{
    private const TaintCategory C = TaintCategory.Sql;
    private const string Id = DiagnosticIds.SqlInjection;

    public static TaintRule Rule { get; } = new(Descriptors.SqlInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Data.Common.DbCommand", "CommandText");
        yield return TaintRule.Sink(Id, C, "System.Data.IDbCommand", "CommandText");
        yield return TaintRule.Sink(Id, C, "System.Data.Common.DbBatchCommand", "CommandText");
        foreach (var command in new[]
        {
            "Microsoft.Data.SqlClient.SqlCommand", "System.Data.SqlClient.SqlCommand", "Npgsql.NpgsqlCommand", "Npgsql.NpgsqlBatchCommand",
            "Microsoft.Data.Sqlite.SqliteCommand", "System.Data.SQLite.SQLiteCommand", "System.Data.OleDb.OleDbCommand", "System.Data.Odbc.OdbcCommand",
            "MySql.Data.MySqlClient.MySqlCommand", "MySqlConnector.MySqlCommand", "Oracle.ManagedDataAccess.Client.OracleCommand",
        })
        {
            yield return TaintRule.Sink(Id, C, command, ".ctor", "cmdText", "commandText");
        }

        foreach (var adapter in new[]
        {
            "Microsoft.Data.SqlClient.SqlDataAdapter", "System.Data.SqlClient.SqlDataAdapter", "Npgsql.NpgsqlDataAdapter",
            "System.Data.SQLite.SQLiteDataAdapter", "System.Data.OleDb.OleDbDataAdapter", "System.Data.Odbc.OdbcDataAdapter", "MySql.Data.MySqlClient.MySqlDataAdapter",
        })
        {
            yield return TaintRule.Sink(Id, C, adapter, ".ctor", "selectCommandText", "commandText");
        }

        foreach (var method in new[]
        {
            "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync",
            "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync", "QueryUnbufferedAsync", "Execute", "ExecuteAsync",
            "ExecuteScalar", "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync",
        })
        {
            yield return TaintRule.Sink(Id, C, "Dapper.SqlMapper", method, "sql");
        }

        yield return TaintRule.Sink(Id, C, "Dapper.CommandDefinition", ".ctor", "commandText");

        // EF Core: the raw-SQL methods; the FormattableString overloads (FromSql, FromSqlInterpolated,
        // ExecuteSql, ExecuteSqlInterpolated) are parameterized and never sinks.
        yield return TaintRule.Sink(Id, C, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", "sql");
        yield return TaintRule.Sink(Id, C, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSql", "sql");
        foreach (var method in new[] { "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw", "ExecuteSqlCommand", "ExecuteSqlCommandAsync" })
        {
            yield return TaintRule.Sink(Id, C, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", method, "sql");
        }

        // Entity Framework 6.
        foreach (var method in new[] { "SqlQuery", "ExecuteSqlCommand", "ExecuteSqlCommandAsync" })
        {
            yield return TaintRule.Sink(Id, C, "System.Data.Entity.Database", method, "sql");
        }

        yield return TaintRule.Sink(Id, C, "System.Data.Entity.DbSet", "SqlQuery", "sql");
        yield return TaintRule.Sink(Id, C, "System.Data.Entity.DbSet`1", "SqlQuery", "sql");
    }
}
