// Starting a child on a new pseudo-terminal. Everything between vfork() and exec runs
// here, in C, so that the child side uses only async-signal-safe calls.
#ifndef MASKRUN_PTY_SPAWN_H
#define MASKRUN_PTY_SPAWN_H

#include <sys/types.h>
#include <sys/ioctl.h>
#include <termios.h>

/// The step of maskrun_pty_spawn that failed, so the caller can tell maskrun's own
/// failures (exit 125) from the command's (126, 127).
typedef enum {
    MASKRUN_SPAWN_OK = 0,
    /// posix_openpt, grantpt, unlockpt, ptsname_r or opening the slave.
    MASKRUN_SPAWN_OPEN_PTY,
    /// tcsetattr or TIOCSWINSZ on the slave.
    MASKRUN_SPAWN_CONFIGURE_PTY,
    /// The close-on-exec pipe that reports the child's failure.
    MASKRUN_SPAWN_REPORT_PIPE,
    MASKRUN_SPAWN_FORK,
    /// setsid, TIOCSCTTY or dup2 in the child.
    MASKRUN_SPAWN_CHILD_SETUP,
    /// execvp in the child; `error` is its errno (ENOENT: not found, others: not executable).
    MASKRUN_SPAWN_EXEC,
} maskrun_spawn_step;

typedef struct {
    /// Applied to the slave before the child starts when has_termios is nonzero; else
    /// the kernel's defaults are kept. Held by value, so Swift passes no pointers.
    struct termios slave_termios;
    int has_termios;
    /// Applied to the slave before the child starts.
    struct winsize slave_winsize;
    /// Nonzero: clear ONLCR so "\n" reaches a file or pipe as written, not as "\r\n".
    int disable_onlcr;
    /// The child's stdin: a pipe's read end, or -1 for the pty slave.
    int stdin_fd;
    /// The child's stderr: a pipe's write end, or -1 for the pty slave.
    int stderr_fd;
} maskrun_spawn_options;

typedef struct {
    /// The pty master (close-on-exec, blocking), valid on success.
    int master_fd;
    /// The child: a session leader whose process group id equals its pid.
    pid_t pid;
    maskrun_spawn_step failed_step;
    /// The errno of the failed step.
    int error;
} maskrun_spawn_result;

/// Opens a new pty pair, both ends close-on-exec and O_NOCTTY (the caller must not
/// acquire it as its controlling terminal). Returns 0, or -1 with errno.
int maskrun_pty_open(int *master_out, int *slave_out);

/// Opens a pty, vforks, and in the child makes the slave the controlling terminal and
/// fd 0/1/2 (or options->stdin_fd / stderr_fd), then execvp(file, argv). When envp is
/// not NULL it becomes the child's environment before the PATH search.
/// Every descriptor it opens is close-on-exec. Returns 0, or the failing errno with
/// result->failed_step set; after an exec failure the child has already been reaped.
int maskrun_pty_spawn(const char *file, char *const argv[], char *const envp[],
                      const maskrun_spawn_options *options, maskrun_spawn_result *result);

#endif
