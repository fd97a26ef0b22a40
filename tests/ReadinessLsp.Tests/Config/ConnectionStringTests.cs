using ReadinessLsp.Engine.Config.ConnectionStrings;

namespace ReadinessLsp.Tests.Config;

public sealed class ConnectionStringTests
{
    [Theory]
    [InlineData("Server=tcp:x.database.windows.net,1433;Initial Catalog=shop;Encrypt=True", "SqlServer")]
    [InlineData("Host=pg;Database=shop;Username=app;SSL Mode=Require", "PostgreSql")]
    [InlineData("Server=mysql;Database=shop;Uid=app;Pwd=x", "MySql")]
    [InlineData("Data Source=app.db;Cache=Shared", "Sqlite")]
    public void Detects_the_provider(string text, string provider)
    {
        Assert.Equal(provider, ConnectionString.TryParse(text)?.Provider.ToString());
    }

    [Fact]
    public void Normalises_keys_and_keeps_value_offsets()
    {
        const string text = "Server=db; Max Pool Size = 5 ;Password='a;b'";
        var cs = ConnectionString.TryParse(text)!;

        var pool = cs.Find("maxpoolsize")!;
        Assert.Equal("5", text[pool.ValueStart..pool.ValueEnd]);
        Assert.Equal("a;b", cs.Find("password")!.Value);
    }

    [Theory]
    [InlineData("tcp:localhost,1433", true)]
    [InlineData("(localdb)\\mssqllocaldb", true)]
    [InlineData(".\\SQLEXPRESS", true)]
    [InlineData("localhost:5432", true)]
    [InlineData("host.docker.internal", true)]
    [InlineData("db.vibeshop.internal", false)]
    public void Knows_local_servers(string server, bool local)
    {
        Assert.Equal(local, LocalHosts.IsLocalServer(server));
    }

    [Fact]
    public void Plain_values_are_not_connection_strings()
    {
        Assert.Null(ConnectionString.TryParse("hello"));
        Assert.Null(ConnectionString.TryParse("a=b"));
    }
}
