using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LabelStudio.ML;

/// <summary>
/// One SQLite file shared by the state store and the training queue: WAL mode (readers never wait for the writer;
/// a killed process leaves the file consistent), one writer connection behind a lock (SQLite allows one writer at a
/// time, and queueing here avoids busy-retry loops), pooled connections for reads.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private readonly ConcurrentDictionary<SqliteConnection, Dictionary<string, SqliteCommand>> _prepared = new();
    private bool _disposed;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode is durable across a killed process; only a power loss can drop the last commits.
        Execute(_writer, "PRAGMA synchronous=NORMAL");
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="write"/> on the writer connection, inside a transaction, one writer at a time.</summary>
    public T Write<T>(Func<SqliteConnection, T> write)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer.BeginTransaction();
            var result = write(_writer);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="read"/> on an open reader connection of its own (taken from a pool, returned after).</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _readers.TryTake(out var pooled) ? pooled : OpenReader();
        try
        {
            return read(connection);
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>
    /// Runs one prepared query on a pooled reader connection. Opening a connection and preparing a statement cost
    /// ten times more than a point read; keeping both ready makes a read a few microseconds.
    /// </summary>
    public T Query<T>(string sql, Func<SqliteCommand, T> run)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _readers.TryTake(out var pooled) ? pooled : OpenReader();
        try
        {
            var commands = _prepared.GetOrAdd(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
            if (!commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Prepare();
                commands[sql] = command;
            }

            return run(command);
        }
        finally
        {
            Return(connection);
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            while (_readers.TryTake(out var reader))
            {
                Close(reader);
            }
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Return(SqliteConnection connection)
    {
        // Keep a few per core; more would only hold file handles.
        if (!_disposed && _readers.Count < Environment.ProcessorCount * 4)
        {
            _readers.Add(connection);
        }
        else
        {
            Close(connection);
        }
    }

    private void Close(SqliteConnection connection)
    {
        if (_prepared.TryRemove(connection, out var commands))
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }
        }

        connection.Dispose();
    }
}
