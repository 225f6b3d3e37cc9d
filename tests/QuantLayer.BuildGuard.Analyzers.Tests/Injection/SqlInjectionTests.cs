using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class SqlInjectionTests
{
    [Fact]
    public async Task Concatenated_command_text_fires_for_ado_net_dapper_and_ef_core()
    {
        const string source = """
            using System;
            using System.Linq;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            class Item { }
            abstract class Db : DbContext { public abstract DbSet<Item> Items { get; } }
            class C
            {
                void M(SqlConnection connection, Db db)
                {
                    var name = Console.ReadLine();
                    using var a = {|QLB1000:new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", connection)|};
                    var b = new SqlCommand();
                    {|QLB1000:b.CommandText = $"DELETE FROM Users WHERE Name = '{name}'"|};
                    {|QLB1000:connection.Query<int>("SELECT Id FROM Users WHERE Name = '" + name + "'")|};
                    {|QLB1000:db.Items.FromSqlRaw("SELECT * FROM Items WHERE Name = '" + name + "'")|}.ToList();
                    {|QLB1000:db.Database.ExecuteSqlRaw(string.Format("DELETE FROM Items WHERE Name = '{0}'", name))|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.SqlClient, TaintStubs.Dapper, TaintStubs.EntityFrameworkCore);
    }

    [Fact]
    public async Task Parameterized_queries_and_parsed_values_are_silent()
    {
        const string source = """
            using System;
            using System.Linq;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            class Item { }
            abstract class Db : DbContext { public abstract DbSet<Item> Items { get; } }
            class C
            {
                void M(SqlConnection connection, Db db)
                {
                    var name = Console.ReadLine()!;
                    using var a = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);
                    a.Parameters.AddWithValue("@name", name);
                    connection.Query<int>("SELECT Id FROM Users WHERE Name = @name", new { name });
                    db.Items.FromSqlInterpolated($"SELECT * FROM Items WHERE Name = {name}").ToList();
                    db.Database.ExecuteSql($"DELETE FROM Items WHERE Name = {name}");
                    var id = int.Parse(name);
                    using var b = new SqlCommand("SELECT * FROM Orders WHERE Id = " + id, connection);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.SqlClient, TaintStubs.Dapper, TaintStubs.EntityFrameworkCore);
    }

    [Fact]
    public async Task Query_built_by_a_helper_fires_at_the_sink()
    {
        const string source = """
            using System;
            using Microsoft.Data.SqlClient;
            class Repository
            {
                static string BuildQuery(string name) => "SELECT * FROM Users WHERE Name = '" + name + "'";
                static string ReadName() => Console.ReadLine()!;
                void Find(SqlConnection connection)
                {
                    using var command = {|QLB1000:new SqlCommand(BuildQuery(ReadName()), connection)|};
                }
                void FindSafe(SqlConnection connection)
                {
                    using var command = new SqlCommand(BuildQuery("admin"), connection);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.SqlClient);
    }
}
