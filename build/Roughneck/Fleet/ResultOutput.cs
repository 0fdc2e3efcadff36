using System.Runtime.InteropServices;
using System.Text;

namespace Roughneck.Fleet;

/// <summary>
/// Where machine-readable results go (Matrix's JSON). build.sh hands the run's real standard
/// output over as file descriptor ROUGHNECK_RESULT_FD and sends Cake's own output (banner, task
/// summary) to standard error, so standard output carries the result and nothing else. Without
/// the variable (build.ps1, tests), the result goes to standard output.
/// </summary>
public static class ResultOutput
{
    public const string FdVariable = "ROUGHNECK_RESULT_FD";

    public static void Write(IReadOnlyDictionary<string, string> environment, string text)
    {
        if (!OperatingSystem.IsWindows() && environment.TryGetValue(FdVariable, out var fdText) && int.TryParse(fdText, out var fd) && fd > 2)
        {
            WriteAll(fd, Encoding.UTF8.GetBytes(text + "\n"));
            return;
        }
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }

    // write(2), not a FileStream: for a regular file .NET writes with pwrite at its own offset and
    // leaves the descriptor's shared offset alone, so whatever the shell writes next would overwrite it.
    private static void WriteAll(int fd, byte[] bytes)
    {
        var done = 0;
        while (done < bytes.Length)
        {
            var chunk = bytes[done..];
            var written = (int)SysWrite(fd, chunk, chunk.Length);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == 4) continue; // EINTR
                throw new IOException($"cannot write the result to file descriptor {fd} (errno {errno}); is it open? (build.sh opens it)");
            }
            done += written;
        }
    }

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint SysWrite(int fd, byte[] buffer, nint count);
}
