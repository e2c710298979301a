using LabelStudio.ML.Testing.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Testing.Tests;

/// <summary>A test backend keeps its state in a <c>MODEL_DIR</c>: its own temporary one (deleted on dispose) or one it is given (kept).</summary>
public sealed class ModelDirLifetimeTests
{
    [Fact]
    public async Task A_temporary_model_dir_holds_the_state_and_is_deleted_on_dispose()
    {
        string modelDir;
        await using (var backend = await TestBackend.StartAsync<KeywordSentimentModel>())
        {
            modelDir = backend.ModelDir;
            Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), modelDir, StringComparison.Ordinal);
            await backend.SetupAsync(KeywordSentimentModel.LabelConfig);
            Assert.True(File.Exists(Path.Combine(modelDir, "cache.db")));
        }

        Assert.False(Directory.Exists(modelDir));
    }

    [Fact]
    public async Task A_given_model_dir_is_used_and_kept_with_its_state()
    {
        var modelDir = Directory.CreateTempSubdirectory("lsml-testing-tests-").FullName;
        try
        {
            await using (var backend = await TestBackend.StartAsync<KeywordSentimentModel>(modelDir: modelDir))
            {
                Assert.Equal(modelDir, backend.ModelDir);
                backend.Store.Set("3", StateKeys.ModelVersion, "kept-1");
            }

            Assert.True(File.Exists(Path.Combine(modelDir, "cache.db")));
            await using var restarted = await TestBackend.StartAsync<KeywordSentimentModel>(modelDir: modelDir);
            Assert.Equal("kept-1", await restarted.SetupAsync(KeywordSentimentModel.LabelConfig, project: "3.1712586036"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(modelDir, recursive: true);
        }
    }
}
