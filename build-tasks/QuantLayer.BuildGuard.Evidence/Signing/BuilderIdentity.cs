namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Who ran the build, for SLSA <c>runDetails.builder.id</c> and <c>metadata.invocationId</c>:
/// GitHub Actions, Azure Pipelines, GitLab CI or Jenkins from their documented environment
/// variables, otherwise the local builder id. Nothing machine- or user-specific is recorded for a
/// local build, so two local builds of one commit give the same provenance.
/// </summary>
public sealed class BuilderIdentity
{
    private BuilderIdentity(string id, string? invocationId, string platform)
    {
        Id = id;
        InvocationId = invocationId;
        Platform = platform;
    }

    /// <summary>The builder id URI.</summary>
    public string Id { get; }

    /// <summary>The CI run's URL, or null for a local build.</summary>
    public string? InvocationId { get; }

    /// <summary>The platform's name, for messages.</summary>
    public string Platform { get; }

    /// <summary>Detects the builder from the environment; <paramref name="overrideId"/> (BuildGuardBuilderId) wins for the id.</summary>
    public static BuilderIdentity Detect(Func<string, string?> environment, string? overrideId = null)
    {
        var detected = DetectCi(environment);
        return string.IsNullOrWhiteSpace(overrideId) ? detected : new BuilderIdentity(overrideId!.Trim(), detected.InvocationId, detected.Platform);
    }

    private static BuilderIdentity DetectCi(Func<string, string?> env)
    {
        string? Get(string name)
        {
            var value = env(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        if (string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var server = (Get("GITHUB_SERVER_URL") ?? "https://github.com").TrimEnd('/');
            var hosted = string.Equals(Get("RUNNER_ENVIRONMENT"), "github-hosted", StringComparison.OrdinalIgnoreCase) ? "github-hosted" : "self-hosted";
            string? invocation = null;
            if (Get("GITHUB_REPOSITORY") is { } repository && Get("GITHUB_RUN_ID") is { } run)
            {
                invocation = $"{server}/{repository}/actions/runs/{run}/attempts/{Get("GITHUB_RUN_ATTEMPT") ?? "1"}";
            }

            return new BuilderIdentity($"{server}/actions/runner/{hosted}", invocation, "GitHub Actions");
        }

        if (string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var collection = Get("SYSTEM_COLLECTIONURI") ?? Get("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI") ?? "https://dev.azure.com/";
            if (!collection.EndsWith("/", StringComparison.Ordinal))
            {
                collection += "/";
            }

            var project = Get("SYSTEM_TEAMPROJECT");
            var hosted = string.Equals(Get("AGENT_ISSELFHOSTED"), "1", StringComparison.Ordinal) || string.Equals(Get("AGENT_ISSELFHOSTED"), "true", StringComparison.OrdinalIgnoreCase) ? "self-hosted" : "microsoft-hosted";
            string? invocation = project is not null && Get("BUILD_BUILDID") is { } buildId ? $"{collection}{Uri.EscapeDataString(project)}/_build/results?buildId={buildId}" : null;
            return new BuilderIdentity($"{collection}_build/agent/{hosted}", invocation, "Azure Pipelines");
        }

        if (string.Equals(Get("GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var server = (Get("CI_SERVER_URL") ?? "https://gitlab.com").TrimEnd('/');
            var id = Get("CI_PROJECT_PATH") is { } path && Get("CI_RUNNER_ID") is { } runner ? $"{server}/{path}/-/runners/{runner}" : $"{server}/-/runners";
            return new BuilderIdentity(id, Get("CI_JOB_URL"), "GitLab CI");
        }

        if (Get("JENKINS_URL") is { } jenkins)
        {
            var root = jenkins.EndsWith("/", StringComparison.Ordinal) ? jenkins : jenkins + "/";
            var node = Get("NODE_NAME");
            var id = node is null || node == "built-in" || node == "master" ? root : root + "computer/" + Uri.EscapeDataString(node) + "/";
            return new BuilderIdentity(id, Get("BUILD_URL"), "Jenkins");
        }

        return new BuilderIdentity(SlsaProvenance.LocalBuilderId, null, "local");
    }
}
