namespace DoanKet.Tests.Infrastructure;

/// <summary>The repository the tests run from (the folder of DoanKet.slnx), for tests that read its files.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DoanKet.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("DoanKet.slnx not found above " + AppContext.BaseDirectory);
    }
}
