using Microsoft.Data.Sqlite;
using Xunit;

namespace LabelStudio.ML.Tests.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lsml-state-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Values_are_kept_per_project_and_key()
    {
        using var store = SqliteStateStore.InDirectory(_directory);
        store.Set("7", "model_version", "0.0.1");
        store.Set("8", "model_version", "2.0.0");
        store.Set("7", "prompt", "Find the cats 🐈 in 東京");

        Assert.Equal("0.0.1", store.Get("7", "model_version"));
        Assert.Equal("2.0.0", store.Get("8", "model_version"));
        Assert.Equal("Find the cats 🐈 in 東京", store.Get("7", "prompt"));
        Assert.Null(store.Get("8", "prompt"));
        Assert.Equal(new Dictionary<string, string> { ["model_version"] = "0.0.1", ["prompt"] = "Find the cats 🐈 in 東京" }, store.GetAll("7"));
    }

    [Fact]
    public void Set_replaces_and_remove_deletes()
    {
        using var store = SqliteStateStore.InDirectory(_directory);
        store.Set("1", "k", "a");
        store.Set("1", "k", "b");
        Assert.Equal("b", store.Get("1", "k"));

        Assert.True(store.Remove("1", "k"));
        Assert.False(store.Remove("1", "k"));
        Assert.Null(store.Get("1", "k"));
    }

    [Fact]
    public async Task Asynchronous_members_see_the_same_values()
    {
        using var store = SqliteStateStore.InDirectory(_directory);
        await store.SetAsync("3", "threshold", "0.4");
        Assert.Equal("0.4", await store.GetAsync("3", "threshold"));
        Assert.True(await store.RemoveAsync("3", "threshold"));
        Assert.Null(await store.GetAsync("3", "threshold"));
    }

    [Fact]
    public void The_file_has_the_original_name_table_layout_and_runs_in_WAL_mode()
    {
        using (var store = SqliteStateStore.InDirectory(_directory))
        {
            store.Set("1", "k", "v");
            Assert.Equal(Path.Combine(_directory, "cache.db"), store.DatabasePath);
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "cache.db")}");
        connection.Open();
        using var columns = connection.CreateCommand();
        columns.CommandText = "PRAGMA table_info(cache)";
        using var reader = columns.ExecuteReader();
        var layout = new List<string>();
        while (reader.Read())
        {
            // name, type, notnull, position in the primary key
            layout.Add($"{reader.GetString(1)} {reader.GetString(2)} {reader.GetInt32(3)} {reader.GetInt32(5)}");
        }

        Assert.Equal(["project_id TEXT 1 1", "key TEXT 1 2", "value TEXT 1 0"], layout);

        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar() as string);
    }

    [Fact]
    public void A_database_written_by_the_original_SDK_is_read_as_it_is()
    {
        var path = Path.Combine(_directory, "cache.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE cache (project_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (project_id, key));" +
                "REPLACE INTO cache (project_id, key, value) VALUES ('12', 'model_version', 'YOLO-v0.0.3');" +
                "REPLACE INTO cache (project_id, key, value) VALUES ('12', 'extra_params', '{\"device\": \"cpu\"}');";
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStateStore(path);
        Assert.Equal("YOLO-v0.0.3", store.Get("12", "model_version"));
        Assert.Equal("{\"device\": \"cpu\"}", store.Get("12", "extra_params"));
    }

    [Fact]
    public void Values_survive_reopening_the_store()
    {
        using (var store = SqliteStateStore.InDirectory(_directory))
        {
            store.Set("5", "model_version", "0.3.0");
        }

        using var reopened = SqliteStateStore.InDirectory(_directory);
        Assert.Equal("0.3.0", reopened.Get("5", "model_version"));
    }

    [Fact]
    public void Two_stores_on_one_file_never_read_stale_values()
    {
        // Two processes (or replicas on a shared volume) each have their own store over the same file.
        using var first = SqliteStateStore.InDirectory(_directory);
        using var second = SqliteStateStore.InDirectory(_directory);
        for (var i = 0; i < 20; i++)
        {
            var version = $"0.{i}.0";
            first.Set("1", "model_version", version);
            Assert.Equal(version, second.Get("1", "model_version"));
        }
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_lose_nothing()
    {
        using var store = SqliteStateStore.InDirectory(_directory);
        const int Workers = 8;
        const int Writes = 150;
        var work = Enumerable.Range(0, Workers).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < Writes; i++)
            {
                var project = (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
                store.Set(project, $"w{worker}-{i}", $"value {worker}/{i}");
                Assert.Equal($"value {worker}/{i}", store.Get(project, $"w{worker}-{i}"));
            }
        }));
        await Task.WhenAll(work);

        var total = Enumerable.Range(0, 4).Sum(p => store.GetAll(p.ToString(System.Globalization.CultureInfo.InvariantCulture)).Count);
        Assert.Equal(Workers * Writes, total);
    }

    [Fact]
    public void Project_state_rejects_empty_keys_and_null_values()
    {
        using var store = SqliteStateStore.InDirectory(_directory);
        var state = new ProjectState(store, "9");
        Assert.Throws<ArgumentException>(() => state.Get(""));
        Assert.Throws<ArgumentNullException>(() => state.Set("k", null!));
        state.Set("k", "v");
        Assert.True(state.Has("k"));
        Assert.True(state.Remove("k"));
        Assert.False(state.Has("k"));
    }
}
