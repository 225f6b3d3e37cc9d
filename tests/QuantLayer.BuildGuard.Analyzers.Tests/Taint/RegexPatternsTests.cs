using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

public sealed class RegexPatternsTests
{
    [Theory]
    [InlineData("^(a+)+$", true)]
    [InlineData("^(\\w+\\s?)*$", true)]
    [InlineData("^([a-zA-Z0-9]+)*@x\\.com$", true)]
    [InlineData("(x{2,})*y", true)]
    [InlineData("^[a-z]+[0-9]*$", false)]
    [InlineData("^(ab)+$", false)]
    [InlineData("^\\(a+\\)+$", false)]
    [InlineData("[(a+)+]", false)]
    [InlineData("^(a{1,3})+$", false)]
    public void Nested_unbounded_quantifiers_are_detected(string pattern, bool expected)
        => Assert.Equal(expected, RegexPatterns.HasNestedQuantifier(pattern));

    [Theory]
    [InlineData("^[a-zA-Z0-9_-]{1,64}$", true)]
    [InlineData("\\A[a-z]+\\z", true)]
    [InlineData("^[a-z]+", false)]
    [InlineData("^.+$", false)]
    [InlineData("^[^/]+$", false)]
    [InlineData("^\\S+$", false)]
    [InlineData("^(a|b)$", false)]
    public void Anchored_positive_classes_are_allow_lists(string pattern, bool expected)
        => Assert.Equal(expected, RegexPatterns.IsAllowList(pattern));
}
