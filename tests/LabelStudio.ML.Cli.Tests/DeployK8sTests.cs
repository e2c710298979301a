using System.Text;
using LabelStudio.ML.Cli.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>deploy k8s</c>: well-formed manifests for a Deployment with probes on /ready and /alive, a Service, a Secret and the MODEL_DIR volume.</summary>
public sealed class DeployK8sTests
{
    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => ((YamlMappingNode)node).Children[new YamlScalarNode(key)],
                int index => ((YamlSequenceNode)node).Children[index],
                _ => throw new ArgumentException($"bad step {step}"),
            };
        }

        return node;
    }

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public async Task Writes_a_deployment_with_probes_a_service_a_secret_and_a_volume_claim()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("my_ml_backend"));

        var (code, output, error) = await Tool.RunAsync(
            "deploy", "k8s", temp.Combine("my_ml_backend"), "--image", "registry.example.com/ml:1.0",
            "--label-studio-host", "http://label-studio:8080", "--label-studio-api-key", "sk-\"quoted\": key");

        Assert.True(code == 0, error);
        var folder = temp.Combine("my_ml_backend", "k8s");
        Assert.Equal(["deployment.yaml", "pvc.yaml", "secret.yaml", "service.yaml"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("kubectl apply -f", output);

        var deployment = Load(Path.Combine(folder, "deployment.yaml"));
        Assert.Equal(("apps/v1", "Deployment", "my-ml-backend"), (Text(deployment, "apiVersion"), Text(deployment, "kind"), Text(deployment, "metadata", "name")));
        var container = At(deployment, "spec", "template", "spec", "containers", 0);
        Assert.Equal("registry.example.com/ml:1.0", Text(container, "image"));
        Assert.Equal("9090", Text(container, "ports", 0, "containerPort"));
        Assert.Equal(("/ready", "9090"), (Text(container, "readinessProbe", "httpGet", "path"), Text(container, "readinessProbe", "httpGet", "port")));
        Assert.Equal(("/alive", "9090"), (Text(container, "livenessProbe", "httpGet", "path"), Text(container, "livenessProbe", "httpGet", "port")));

        var env = ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(variable => Text(variable, "name"));
        Assert.Equal("http://label-studio:8080", Text(env["LABEL_STUDIO_URL"], "value"));
        Assert.Equal("/data/models", Text(env["MODEL_DIR"], "value"));
        Assert.Equal("my-ml-backend-secrets", Text(env["LABEL_STUDIO_API_KEY"], "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("true", Text(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("my-ml-backend-models", Text(deployment, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));

        var secret = Load(Path.Combine(folder, "secret.yaml"));
        Assert.Equal("Secret", Text(secret, "kind"));
        Assert.Equal("sk-\"quoted\": key", Encoding.UTF8.GetString(Convert.FromBase64String(Text(secret, "data", "LABEL_STUDIO_API_KEY"))));

        var service = Load(Path.Combine(folder, "service.yaml"));
        Assert.Equal(("Service", "9090"), (Text(service, "kind"), Text(service, "spec", "ports", 0, "port")));
        Assert.Equal("my-ml-backend", Text(service, "spec", "selector", "app.kubernetes.io/name"));
        Assert.Equal("PersistentVolumeClaim", Text(Load(Path.Combine(folder, "pvc.yaml")), "kind"));
    }

    [Fact]
    public async Task Several_replicas_get_an_emptyDir_each_and_basic_auth_goes_to_the_secret_only()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var (code, _, error) = await Tool.RunAsync(
            "deploy", "k8s", temp.Path, "--output", output, "--replicas", "3", "--basic-auth-user", "ls", "--basic-auth-pass", "pw");

        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(output, "pvc.yaml")));
        var deployment = Load(Path.Combine(output, "deployment.yaml"));
        Assert.Equal("3", Text(deployment, "spec", "replicas"));
        Assert.True(((YamlMappingNode)At(deployment, "spec", "template", "spec", "volumes", 0)).Children.ContainsKey(new YamlScalarNode("emptyDir")));
        // The probes need no credentials (they bypass basic auth), so the password is in the Secret only.
        var probe = (YamlMappingNode)At(deployment, "spec", "template", "spec", "containers", 0, "readinessProbe", "httpGet");
        Assert.False(probe.Children.ContainsKey(new YamlScalarNode("httpHeaders")));
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("ls:pw")), await File.ReadAllTextAsync(Path.Combine(output, "deployment.yaml")), StringComparison.Ordinal);
        var secret = Load(Path.Combine(output, "secret.yaml"));
        Assert.Equal("pw", Encoding.UTF8.GetString(Convert.FromBase64String(Text(secret, "data", "BASIC_AUTH_PASS"))));
    }

    [Fact]
    public async Task Refuses_to_overwrite_manifests_unless_forced()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await Tool.RunAsync("deploy", "k8s", temp.Path)).ExitCode);

        var refused = await Tool.RunAsync("deploy", "k8s", temp.Path);
        var forced = await Tool.RunAsync("deploy", "k8s", temp.Path, "--force", "--image", "other:2");

        Assert.Equal(1, refused.ExitCode);
        Assert.EndsWith("already exist; use --force to overwrite them.", refused.Error.Trim());
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("other:2", Text(Load(temp.Combine("k8s", "deployment.yaml")), "spec", "template", "spec", "containers", 0, "image"));
    }
}
