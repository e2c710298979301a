using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// Runs a program with this console (its output goes straight to the user) and returns its exit code. While it
/// runs, Ctrl+C and SIGTERM sent to this tool are passed on as SIGTERM, and the tool waits for the child to stop,
/// so that a backend shuts down gracefully (training jobs are put back in the queue) instead of being orphaned.
/// </summary>
internal static class ChildProcess
{
    public static async Task<int> RunAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        startInfo.UseShellExecute = false;
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"could not start {startInfo.FileName}: {ex.Message}");
        }

        void Forward(PosixSignalContext context)
        {
            // Keep this process alive until the child has ended; its exit code becomes ours.
            context.Cancel = true;
            Terminate(process);
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Forward);
        using var cancel = cancellationToken.Register(() => Terminate(process));
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                // A console child on Windows got the same Ctrl+C; there is no SIGTERM to send.
                return;
            }

            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // The child ended meanwhile.
        }
    }
}
