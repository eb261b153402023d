using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Deploy;

/// <summary>The example files of the README's "Deploy" section are valid as shipped.</summary>
public sealed class DeployFilesTests
{
    [Fact]
    public async Task The_nginx_example_passes_nginx_t_with_a_certificate_in_place()
    {
        const string nginx = "/usr/sbin/nginx";
        Assert.True(File.Exists(nginx), "nginx is missing: apt-get install nginx-light (test.sh installs it).");
        var dir = Directory.CreateTempSubdirectory("doanket-nginx-").FullName;
        try
        {
            // A throwaway self-signed certificate where the example expects the real one.
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=doanket.example.vn", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(TestClock.Start.AddDays(-1), TestClock.Start.AddYears(1));
            var (chain, key) = (Path.Combine(dir, "fullchain.pem"), Path.Combine(dir, "privkey.pem"));
            await File.WriteAllTextAsync(chain, cert.ExportCertificatePem());
            await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());

            var site = await File.ReadAllTextAsync(Repo.Path("deploy", "nginx-doanket.conf"));
            Assert.Contains("/etc/ssl/doanket/fullchain.pem", site, StringComparison.Ordinal);
            site = site.Replace("/etc/ssl/doanket/fullchain.pem", chain, StringComparison.Ordinal).Replace("/etc/ssl/doanket/privkey.pem", key, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(dir, "doanket.conf"), site);
            await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
                pid {{dir}}/nginx.pid;
                error_log {{dir}}/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path {{dir}}/body;
                    proxy_temp_path {{dir}}/proxy;
                    include {{dir}}/doanket.conf;
                }
                """);

            var psi = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-t", "-p", dir, "-c", Path.Combine(dir, "nginx.conf") }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var error = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, error);
            Assert.Contains("test is successful", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_systemd_unit_runs_the_app_in_production_on_the_address_nginx_proxies_to()
    {
        var unit = await File.ReadAllTextAsync(Repo.Path("deploy", "doanket.service"));
        var site = await File.ReadAllTextAsync(Repo.Path("deploy", "nginx-doanket.conf"));
        Assert.Contains("Environment=ASPNETCORE_ENVIRONMENT=Production", unit, StringComparison.Ordinal);
        Assert.Contains("--urls http://127.0.0.1:5080", unit, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5080;", site, StringComparison.Ordinal);
        Assert.Contains("DoanKet.dll backup --out", await File.ReadAllTextAsync(Repo.Path("deploy", "doanket-backup.service")), StringComparison.Ordinal);
    }
}
