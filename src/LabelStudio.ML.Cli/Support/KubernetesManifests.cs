using System.Globalization;
using System.Text;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// The Kubernetes objects of one backend: a Deployment (readiness on <c>/ready</c>, liveness on <c>/alive</c>, a drain on stop, non-root, <c>MODEL_DIR</c> on a
/// volume), a Service on port 9090, a Secret holding the keys, and a PersistentVolumeClaim for <c>MODEL_DIR</c> when
/// there is a single replica (SQLite state cannot be shared by several pods, so more replicas get an emptyDir each).
/// </summary>
internal sealed class KubernetesManifests(KubernetesDeployment deployment)
{
    // The non-root "app" user of the aspnet image the Dockerfile builds on.
    private const int AppUid = 1654;
    private const int Port = 9090;

    private string Name => deployment.Name;

    private string SecretName => $"{Name}-secrets";

    private string ClaimName => $"{Name}-models";

    private bool Persistent => deployment.Replicas == 1;

    private bool BasicAuth => !string.IsNullOrEmpty(deployment.BasicAuthUser);

    /// <summary>Every manifest as (file name, YAML).</summary>
    public IReadOnlyList<(string FileName, string Yaml)> Render()
    {
        var files = new List<(string, string)> { ("secret.yaml", Secret()), ("deployment.yaml", Deployment()), ("service.yaml", Service()) };
        if (Persistent)
        {
            files.Insert(1, ("pvc.yaml", Claim()));
        }

        return files;
    }

    private string Labels(int indent) =>
        $"{new string(' ', indent)}app.kubernetes.io/name: {YamlText.Quote(Name)}\n{new string(' ', indent)}app.kubernetes.io/component: \"ml-backend\"\n";

    private string Metadata(string name) => $"metadata:\n  name: {YamlText.Quote(name)}\n  labels:\n{Labels(4)}";

    private string Secret()
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Secret\n").Append(Metadata(SecretName)).Append("type: Opaque\ndata:\n");
        text.Append($"  LABEL_STUDIO_API_KEY: {YamlText.Quote(Base64(deployment.ApiKey ?? ""))}\n");
        if (BasicAuth)
        {
            text.Append($"  BASIC_AUTH_USER: {YamlText.Quote(Base64(deployment.BasicAuthUser!))}\n");
            text.Append($"  BASIC_AUTH_PASS: {YamlText.Quote(Base64(deployment.BasicAuthPass!))}\n");
        }

        return text.ToString();
    }

    private string Claim() =>
        "apiVersion: v1\nkind: PersistentVolumeClaim\n" + Metadata(ClaimName) +
        "spec:\n  accessModes:\n    - \"ReadWriteOnce\"\n  resources:\n    requests:\n      storage: \"1Gi\"\n";

    private string Service() =>
        "apiVersion: v1\nkind: Service\n" + Metadata(Name) +
        $"spec:\n  type: ClusterIP\n  selector:\n{Labels(4)}  ports:\n    - name: \"http\"\n      port: {Port}\n      targetPort: {Port}\n      protocol: TCP\n";

    private string Deployment()
    {
        var text = new StringBuilder();
        text.Append("apiVersion: apps/v1\nkind: Deployment\n").Append(Metadata(Name));
        text.Append("spec:\n");
        text.Append(CultureInfo.InvariantCulture, $"  replicas: {deployment.Replicas}\n");
        text.Append("  selector:\n    matchLabels:\n").Append(Labels(6));
        // One pod at a time on the claim: a rolling update must not start a second pod on a ReadWriteOnce volume.
        text.Append(Persistent ? "  strategy:\n    type: Recreate\n" : "");
        text.Append("  template:\n    metadata:\n      labels:\n").Append(Labels(8));
        text.Append("    spec:\n");
        text.Append(CultureInfo.InvariantCulture, $"      securityContext:\n        runAsNonRoot: true\n        runAsUser: {AppUid}\n        fsGroup: {AppUid}\n");
        text.Append("      containers:\n");
        text.Append($"        - name: \"ml-backend\"\n          image: {YamlText.Quote(deployment.Image)}\n");
        text.Append(CultureInfo.InvariantCulture, $"          ports:\n            - name: \"http\"\n              containerPort: {Port}\n");
        text.Append("          env:\n");
        text.Append(CultureInfo.InvariantCulture, $"            - name: \"PORT\"\n              value: \"{Port}\"\n");
        text.Append("            - name: \"MODEL_DIR\"\n              value: \"/data/models\"\n");
        text.Append($"            - name: \"LABEL_STUDIO_URL\"\n              value: {YamlText.Quote(deployment.LabelStudioHost ?? "")}\n");
        text.Append(SecretVariable("LABEL_STUDIO_API_KEY"));
        if (BasicAuth)
        {
            text.Append(SecretVariable("BASIC_AUTH_USER")).Append(SecretVariable("BASIC_AUTH_PASS"));
        }

        // Kubernetes stops routing to a pod that answers /ready 503; the drain gives it the time to notice on shutdown.
        text.Append("            - name: \"SHUTDOWN_DRAIN_SECONDS\"\n              value: \"5\"\n");
        text.Append(Probe("readinessProbe", "/ready", initialDelay: 5, period: 10));
        text.Append(Probe("livenessProbe", "/alive", initialDelay: 20, period: 30));
        text.Append("          volumeMounts:\n            - name: \"models\"\n              mountPath: \"/data\"\n");
        text.Append("      volumes:\n        - name: \"models\"\n");
        text.Append(Persistent ? $"          persistentVolumeClaim:\n            claimName: {YamlText.Quote(ClaimName)}\n" : "          emptyDir: {}\n");
        return text.ToString();
    }

    private string SecretVariable(string key) =>
        $"            - name: {YamlText.Quote(key)}\n              valueFrom:\n                secretKeyRef:\n                  name: {YamlText.Quote(SecretName)}\n                  key: {YamlText.Quote(key)}\n";

    // The probes answer without credentials even when basic auth is on, so no password is written into the manifest.
    private static string Probe(string kind, string path, int initialDelay, int period)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"          {kind}:\n            httpGet:\n              path: \"{path}\"\n              port: {Port}\n");
        text.Append(CultureInfo.InvariantCulture, $"            initialDelaySeconds: {initialDelay}\n            periodSeconds: {period}\n            timeoutSeconds: 5\n            failureThreshold: 3\n");
        return text.ToString();
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
