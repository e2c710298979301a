using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LabelStudio.ML.Tests.Training;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _modelDir = Directory.CreateTempSubdirectory("lsml-artifacts-").FullName;
    private readonly SqliteStateStore _store;

    public ArtifactStoreTests() => _store = SqliteStateStore.InDirectory(_modelDir);

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_modelDir, recursive: true);
    }

    private ModelContext Context(string projectId, int kept = 3)
    {
        var state = new ProjectState(_store, projectId);
        if (state.Get(StateKeys.ModelVersion) is null)
        {
            state.Set(StateKeys.ModelVersion, "0.0.1");
        }

        var context = new ModelContext(projectId, state, null, NullLogger.Instance, _modelDir, kept);
        context.PinVersion();
        return context;
    }

    [Fact]
    public void A_draft_is_invisible_until_committed_then_becomes_the_current_version()
    {
        var context = Context("7");
        var artifacts = context.Artifacts;
        Assert.Null(artifacts.CurrentDirectory);

        using var draft = artifacts.CreateDraft();
        File.WriteAllText(Path.Combine(draft.Directory, "model.bin"), "weights");
        Assert.Null(artifacts.CurrentDirectory);
        Assert.Equal("0.0.1", _store.Get("7", StateKeys.ModelVersion));

        Assert.Equal("0.1.0", draft.Commit());
        Assert.Equal("0.1.0", _store.Get("7", StateKeys.ModelVersion));
        Assert.Equal("0.1.0", context.CurrentVersion());
        Assert.Equal(Path.Combine(_modelDir, "7", "0.1.0"), artifacts.CurrentDirectory);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(artifacts.CurrentDirectory!, "model.bin")));
        Assert.False(Directory.Exists(draft.Directory));
    }

    [Fact]
    public void A_draft_disposed_without_commit_leaves_nothing()
    {
        var artifacts = Context("8").Artifacts;
        string directory;
        using (var draft = artifacts.CreateDraft())
        {
            directory = draft.Directory;
            File.WriteAllText(Path.Combine(directory, "half.bin"), "partial");
        }

        Assert.False(Directory.Exists(directory));
        Assert.Empty(artifacts.ListVersionDirectories());
        Assert.Equal("0.0.1", _store.Get("8", StateKeys.ModelVersion));
    }

    [Fact]
    public void Old_versions_beyond_the_kept_count_are_removed()
    {
        var artifacts = Context("9", kept: 2).Artifacts;
        foreach (var version in new[] { "1.0.0", "2.0.0", "3.0.0" })
        {
            using var draft = artifacts.CreateDraft();
            File.WriteAllText(Path.Combine(draft.Directory, "v.txt"), version);
            draft.Commit(version);
        }

        Assert.Equal(["3.0.0", "2.0.0"], artifacts.ListVersionDirectories().Select(Path.GetFileName));
    }

    [Fact]
    public void A_version_a_request_still_works_with_is_kept_until_the_request_ends()
    {
        var trainer = Context("13", kept: 2);
        using (var first = trainer.Artifacts.CreateDraft())
        {
            first.Commit("1.0.0");
        }

        // A prediction begins with version 1.0.0 and is still running while three newer versions arrive.
        var reader = Context("13", kept: 2);
        Assert.Equal("1.0.0", reader.CurrentVersion());
        foreach (var version in new[] { "2.0.0", "3.0.0", "4.0.0" })
        {
            using var draft = trainer.Artifacts.CreateDraft();
            draft.Commit(version);
        }

        Assert.NotNull(reader.Artifacts.CurrentDirectory);

        reader.ReleaseLeases();
        using (var next = trainer.Artifacts.CreateDraft())
        {
            next.Commit("5.0.0");
        }

        Assert.Null(reader.Artifacts.GetDirectory("1.0.0"));
        Assert.Equal(["5.0.0", "4.0.0"], trainer.Artifacts.ListVersionDirectories().Select(Path.GetFileName));
    }

    [Fact]
    public void Committing_the_current_version_again_is_refused()
    {
        var artifacts = Context("10").Artifacts;
        using (var first = artifacts.CreateDraft())
        {
            first.Commit("1.0.0");
        }

        using var second = artifacts.CreateDraft();
        var error = Assert.Throws<InvalidOperationException>(() => second.Commit("1.0.0"));
        Assert.Contains("current version", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Project_ids_that_are_not_plain_never_leave_MODEL_DIR(string projectId)
    {
        var artifacts = Context(projectId).Artifacts;
        Assert.Equal(_modelDir, Path.GetDirectoryName(artifacts.ProjectDirectory));
    }

    [Fact]
    public void Versions_that_are_not_plain_get_a_safe_folder()
    {
        var artifacts = Context("11").Artifacts;
        using var draft = artifacts.CreateDraft();
        draft.Commit("../escape");
        Assert.Equal(artifacts.ProjectDirectory, Path.GetDirectoryName(artifacts.CurrentDirectory));
    }

    [Fact]
    public void Drafts_left_by_a_killed_process_are_removed_at_start()
    {
        var artifacts = Context("12").Artifacts;
        var abandoned = artifacts.CreateDraft();
        File.WriteAllText(Path.Combine(abandoned.Directory, "half.bin"), "partial");

        Assert.Equal(1, ArtifactStore.RemoveAbandonedDrafts(_modelDir));
        Assert.False(Directory.Exists(abandoned.Directory));
    }
}
