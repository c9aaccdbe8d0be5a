using Mpyd.MountDaemon.Commands.Fs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class CopyPlanTests
{
    [Fact]
    public void FilesAreCopiedInPythonsListOrder()
    {
        var plan = new CopyPlan();
        plan.AddDirectory(["package"]);
        plan.AddFile(["package", "x.py"], "./package/x.py");
        plan.AddDirectory(["package", "subpackage"]);
        plan.AddFile(["package", "subpackage", "y.py"], "./package/subpackage/y.py");
        plan.AddFile(["package", "subpackage", "__init__.py"], "./package/subpackage/__init__.py");
        plan.AddFile(["package", "__init__.py"], "./package/__init__.py");
        plan.AddFile(["package", "Z.py"], "./package/Z.py");

        // The order of mpremote's "Up to date:" lines: "__init__.py" < "subpackage" < "x.py", upper case first.
        Assert.Equal(
            ["package/Z.py", "package/__init__.py", "package/subpackage/__init__.py", "package/subpackage/y.py", "package/x.py"],
            plan.SortedFiles().Select(f => string.Join('/', f.Destination)));
        Assert.Equal([["package"], ["package", "subpackage"]], plan.Directories.Select(d => d.ToArray()));
    }

    [Fact]
    public void AShorterPathSortsFirst()
    {
        var plan = new CopyPlan();
        plan.AddFile(["a", "b"], "s2");
        plan.AddFile(["a"], "s1");
        Assert.Equal(["s1", "s2"], plan.SortedFiles().Select(f => f.Source));
    }
}
