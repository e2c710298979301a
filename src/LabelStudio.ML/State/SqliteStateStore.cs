using Microsoft.Data.Sqlite;

namespace LabelStudio.ML;

/// <summary>
/// The default <see cref="IStateStore"/>: a SQLite file (<c>$MODEL_DIR/cache.db</c>) with the original SDK's
/// table layout, so an existing model directory keeps working.
/// </summary>
/// <remarks>
/// The database runs in WAL mode: readers never wait for the writer and a killed process leaves the file
/// consistent. Writes go through one connection guarded by a semaphore (SQLite allows one writer at a time;
/// queueing them here avoids busy-retry loops); reads use pooled connections and run in parallel.
/// </remarks>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    /// <summary>The file name the original SDK uses inside <c>MODEL_DIR</c>.</summary>
    public const string FileName = "cache.db";

    private const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS cache (project_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (project_id, key))";

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    /// <summary>Opens (creating if needed) the store at <paramref name="databasePath"/>.</summary>
    public SqliteStateStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode is durable across a killed process; only a power loss can drop the last commits.
        Execute(_writer, "PRAGMA synchronous=NORMAL");
        Execute(_writer, CreateTableSql);
    }

    /// <summary>Opens the store file <see cref="FileName"/> inside <paramref name="modelDirectory"/>.</summary>
    public static SqliteStateStore InDirectory(string modelDirectory) =>
        new(Path.Combine(string.IsNullOrEmpty(modelDirectory) ? "." : modelDirectory, FileName));

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public string? Get(string projectId, string key)
    {
        using var connection = OpenReader();
        using var command = SelectOne(connection, projectId, key);
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc />
    /// <remarks>Microsoft.Data.Sqlite performs I/O synchronously; the asynchronous members complete at once.</remarks>
    public ValueTask<string?> GetAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Get(projectId, key));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> GetAll(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM cache WHERE project_id = $p ORDER BY key";
        command.Parameters.AddWithValue("$p", projectId);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }

    /// <inheritdoc />
    public void Set(string projectId, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writeLock.Wait();
        try
        {
            using var command = Replace(projectId, key, value);
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string projectId, string key, string value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Set(projectId, key, value);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public bool Remove(string projectId, string key)
    {
        _writeLock.Wait();
        try
        {
            using var command = Delete(projectId, key);
            return command.ExecuteNonQuery() > 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Remove(projectId, key));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Wait();
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand SelectOne(SqliteConnection connection, string projectId, string key)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cache WHERE project_id = $p AND key = $k";
        AddKey(command, projectId, key);
        return command;
    }

    private SqliteCommand Replace(string projectId, string key, string value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _writer.CreateCommand();
        command.CommandText = "REPLACE INTO cache (project_id, key, value) VALUES ($p, $k, $v)";
        AddKey(command, projectId, key);
        command.Parameters.AddWithValue("$v", value);
        return command;
    }

    private SqliteCommand Delete(string projectId, string key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _writer.CreateCommand();
        command.CommandText = "DELETE FROM cache WHERE project_id = $p AND key = $k";
        AddKey(command, projectId, key);
        return command;
    }

    private static void AddKey(SqliteCommand command, string projectId, string key)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(key);
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$k", key);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
