namespace LabelStudio.ML;

/// <summary>
/// The default <see cref="IStateStore"/>: a SQLite file (<c>$MODEL_DIR/cache.db</c>) with the original SDK's
/// table layout, so an existing model directory keeps working.
/// </summary>
/// <remarks>
/// The database runs in WAL mode: readers never wait for the writer and a killed process leaves the file
/// consistent. Writes go through one connection, one at a time; reads run in parallel on pooled connections.
/// Microsoft.Data.Sqlite performs I/O synchronously, so the asynchronous members complete at once.
/// </remarks>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    /// <summary>The file name the original SDK uses inside <c>MODEL_DIR</c>.</summary>
    public const string FileName = "cache.db";

    private readonly SqliteDatabase _database;

    /// <summary>Opens (creating if needed) the store at <paramref name="databasePath"/>.</summary>
    public SqliteStateStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _database = new SqliteDatabase(databasePath);
        _database.Write(connection =>
        {
            SqliteDatabase.Execute(connection,
                "CREATE TABLE IF NOT EXISTS cache (project_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (project_id, key))");
            return 0;
        });
    }

    /// <summary>Opens the store file <see cref="FileName"/> inside <paramref name="modelDirectory"/>.</summary>
    public static SqliteStateStore InDirectory(string modelDirectory) => new(PathIn(modelDirectory));

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.Path;

    /// <inheritdoc />
    public string? Get(string projectId, string key)
    {
        CheckKey(projectId, key);
        return _database.Query("SELECT value FROM cache WHERE project_id = $p AND key = $k", command =>
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$p", projectId);
            command.Parameters.AddWithValue("$k", key);
            return command.ExecuteScalar() as string;
        });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> GetAll(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return _database.Read(connection =>
        {
            using var command = SqliteDatabase.Command(connection, "SELECT key, value FROM cache WHERE project_id = $p ORDER BY key", ("$p", projectId));
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }

            return values;
        });
    }

    /// <inheritdoc />
    public void Set(string projectId, string key, string value)
    {
        CheckKey(projectId, key);
        ArgumentNullException.ThrowIfNull(value);
        _database.Write(connection =>
        {
            using var command = SqliteDatabase.Command(connection, "REPLACE INTO cache (project_id, key, value) VALUES ($p, $k, $v)", ("$p", projectId), ("$k", key), ("$v", value));
            return command.ExecuteNonQuery();
        });
    }

    /// <inheritdoc />
    public bool Remove(string projectId, string key)
    {
        CheckKey(projectId, key);
        return _database.Write(connection =>
        {
            using var command = SqliteDatabase.Command(connection, "DELETE FROM cache WHERE project_id = $p AND key = $k", ("$p", projectId), ("$k", key));
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <inheritdoc />
    public ValueTask<string?> GetAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Get(projectId, key));
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string projectId, string key, string value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Set(projectId, key, value);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Remove(projectId, key));
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    internal static string PathIn(string modelDirectory) =>
        Path.Combine(string.IsNullOrEmpty(modelDirectory) ? "." : modelDirectory, FileName);

    private static void CheckKey(string projectId, string key)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(key);
    }
}
