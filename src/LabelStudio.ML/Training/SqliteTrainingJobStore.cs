using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace LabelStudio.ML;

/// <summary>
/// The training queue on disk, in the state store's SQLite file: jobs and the events folded into them survive a
/// killed process, so a restart finds every job that was queued or running.
/// </summary>
internal sealed class SqliteTrainingJobStore : IDisposable
{
    private const string Columns =
        "id, project_id, state, created_at, last_event_at, started_at, finished_at, attempts, error, version_before, version_after, progress, progress_message, result";

    private readonly SqliteDatabase _database;

    public SqliteTrainingJobStore(string databasePath)
    {
        _database = new SqliteDatabase(databasePath);
        _database.Write(connection =>
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS training_jobs (
                    id TEXT PRIMARY KEY, project_id TEXT NOT NULL, state TEXT NOT NULL, label_config TEXT,
                    created_at TEXT NOT NULL, last_event_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, version_before TEXT, version_after TEXT,
                    progress REAL, progress_message TEXT, result TEXT);
                CREATE INDEX IF NOT EXISTS training_jobs_by_project ON training_jobs (project_id, created_at);
                CREATE INDEX IF NOT EXISTS training_jobs_by_state ON training_jobs (state, created_at);
                CREATE TABLE IF NOT EXISTS training_job_events (
                    job_id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, data TEXT NOT NULL,
                    PRIMARY KEY (job_id, seq));
                """);
            return 0;
        });
    }

    public void Create(TrainingJob job, string? labelConfig, QueuedTrainingEvent first) => _database.Write(connection =>
    {
        using (var insert = SqliteDatabase.Command(connection,
            "INSERT INTO training_jobs (id, project_id, state, label_config, created_at, last_event_at, attempts) VALUES ($id, $p, $s, $c, $t, $t, 0)",
            ("$id", job.Id), ("$p", job.ProjectId), ("$s", StateName(job.State)), ("$c", labelConfig), ("$t", Time(job.CreatedAt))))
        {
            insert.ExecuteNonQuery();
        }

        InsertEvent(connection, job.Id, 0, first);
        return 0;
    });

    public void Fold(string jobId, int sequence, QueuedTrainingEvent queued, string? labelConfig, DateTimeOffset at) => _database.Write(connection =>
    {
        InsertEvent(connection, jobId, sequence, queued);
        using var update = SqliteDatabase.Command(connection,
            "UPDATE training_jobs SET last_event_at = $t, label_config = COALESCE($c, label_config) WHERE id = $id",
            ("$id", jobId), ("$t", Time(at)), ("$c", labelConfig));
        return update.ExecuteNonQuery();
    });

    public void Update(TrainingJob job) => _database.Write(connection =>
    {
        using var update = SqliteDatabase.Command(connection, """
            UPDATE training_jobs SET state = $s, started_at = $st, finished_at = $f, attempts = $a, error = $e,
                version_before = $vb, version_after = $va, progress = $pr, progress_message = $pm, result = $r
            WHERE id = $id
            """,
            ("$id", job.Id), ("$s", StateName(job.State)), ("$st", Time(job.StartedAt)), ("$f", Time(job.FinishedAt)), ("$a", job.Attempts),
            ("$e", job.Error), ("$vb", job.ModelVersionBefore), ("$va", job.ModelVersionAfter), ("$pr", job.Progress), ("$pm", job.ProgressMessage), ("$r", job.Result));
        return update.ExecuteNonQuery();
    });

    public TrainingJob? Get(string id) => _database.Read(connection =>
    {
        using var command = SqliteDatabase.Command(connection, $"SELECT {Columns} FROM training_jobs WHERE id = $id", ("$id", id));
        return ReadJobs(connection, command).FirstOrDefault();
    });

    public IReadOnlyList<TrainingJob> List(string? projectId, int limit) => _database.Read(connection =>
    {
        using var command = projectId is null
            ? SqliteDatabase.Command(connection, $"SELECT {Columns} FROM training_jobs ORDER BY created_at DESC, rowid DESC LIMIT $n", ("$n", limit))
            : SqliteDatabase.Command(connection, $"SELECT {Columns} FROM training_jobs WHERE project_id = $p ORDER BY created_at DESC, rowid DESC LIMIT $n", ("$p", projectId), ("$n", limit));
        return ReadJobs(connection, command);
    });

    /// <summary>Jobs a previous process left queued or running, oldest first.</summary>
    public IReadOnlyList<TrainingJob> Unfinished() => _database.Read(connection =>
    {
        using var command = SqliteDatabase.Command(connection,
            $"SELECT {Columns} FROM training_jobs WHERE state IN ('queued', 'running') ORDER BY created_at, rowid");
        return ReadJobs(connection, command);
    });

    public (IReadOnlyList<QueuedTrainingEvent> Events, string? LabelConfig) Payload(string jobId) => _database.Read(connection =>
    {
        var events = new List<QueuedTrainingEvent>();
        using (var command = SqliteDatabase.Command(connection, "SELECT action, data FROM training_job_events WHERE job_id = $id ORDER BY seq", ("$id", jobId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                events.Add(new QueuedTrainingEvent(reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
            }
        }

        using var config = SqliteDatabase.Command(connection, "SELECT label_config FROM training_jobs WHERE id = $id", ("$id", jobId));
        return ((IReadOnlyList<QueuedTrainingEvent>)events, config.ExecuteScalar() as string);
    });

    public void Dispose() => _database.Dispose();

    private static void InsertEvent(SqliteConnection connection, string jobId, int sequence, QueuedTrainingEvent queued)
    {
        using var insert = SqliteDatabase.Command(connection,
            "INSERT INTO training_job_events (job_id, seq, action, data) VALUES ($id, $seq, $a, $d)",
            ("$id", jobId), ("$seq", sequence), ("$a", queued.Action), ("$d", queued.Data.ToJsonString()));
        insert.ExecuteNonQuery();
    }

    private static List<TrainingJob> ReadJobs(SqliteConnection connection, SqliteCommand command)
    {
        var rows = new List<TrainingJob>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(new TrainingJob
                {
                    Id = reader.GetString(0),
                    ProjectId = reader.GetString(1),
                    State = Enum.Parse<TrainingJobState>(reader.GetString(2), ignoreCase: true),
                    Actions = [],
                    CreatedAt = ParseTime(reader.GetString(3)),
                    LastEventAt = ParseTime(reader.GetString(4)),
                    StartedAt = reader.IsDBNull(5) ? null : ParseTime(reader.GetString(5)),
                    FinishedAt = reader.IsDBNull(6) ? null : ParseTime(reader.GetString(6)),
                    Attempts = reader.GetInt32(7),
                    Error = reader.IsDBNull(8) ? null : reader.GetString(8),
                    ModelVersionBefore = reader.IsDBNull(9) ? null : reader.GetString(9),
                    ModelVersionAfter = reader.IsDBNull(10) ? null : reader.GetString(10),
                    Progress = reader.IsDBNull(11) ? null : reader.GetDouble(11),
                    ProgressMessage = reader.IsDBNull(12) ? null : reader.GetString(12),
                    Result = reader.IsDBNull(13) ? null : reader.GetString(13),
                });
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            using var actions = SqliteDatabase.Command(connection, "SELECT action FROM training_job_events WHERE job_id = $id ORDER BY seq", ("$id", rows[i].Id));
            using var reader = actions.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            rows[i] = rows[i] with { Actions = names };
        }

        return rows;
    }

    private static string StateName(TrainingJobState state) => state.ToString().ToLowerInvariant();

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
