// Starting the real notebook kernel behind maskrun's proxy. Everything between fork() and
// exec runs here, in C, so that the child side uses only async-signal-safe calls.
#ifndef MASKRUN_KERNEL_SPAWN_H
#define MASKRUN_KERNEL_SPAWN_H

#include <sys/types.h>

/// Forks and execs argv[0] (PATH search) with stdin on /dev/null and stdout/stderr on the
/// given descriptors. The child stays in the caller's process group, so a client's
/// killpg() (interrupt, kill) reaches it as it reaches an unwrapped kernel, and it gets
/// SIGKILL when the caller dies (PR_SET_PDEATHSIG), so killing the proxy takes it along.
/// Its signal mask is emptied and SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD are reset to
/// their defaults. Returns 0 with *pid_out set, or an errno (an exec failure's errno
/// arrives through a close-on-exec pipe; the child is then already reaped).
int maskrun_kernel_spawn(char *const argv[], int stdout_fd, int stderr_fd, pid_t *pid_out);


/// Blocks the given signals and returns a non-blocking, close-on-exec signalfd that
/// reads them, so they wake a poll loop; -1 with errno on failure.
int maskrun_signal_fd(const int *signals, int count);

/// The next signal waiting on a signalfd, or 0 when none is.
int maskrun_signal_fd_read(int fd);

#endif
