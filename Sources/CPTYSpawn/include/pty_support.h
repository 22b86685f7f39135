// Small C helpers Swift cannot express: variadic ioctl, wait-status macros, and a
// signal handler that is guaranteed to run no Swift code.
#ifndef MASKRUN_PTY_SUPPORT_H
#define MASKRUN_PTY_SUPPORT_H

#include <sys/ioctl.h>

/// ioctl(fd, FIONREAD, &count): the bytes waiting to be read (0 on error).
int maskrun_bytes_waiting(int fd);

/// WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG and WIFSTOPPED/WSTOPSIG: returns 1 with
/// *value the exit code, 2 with the killing signal, 3 with the stopping signal, 0 otherwise.
int maskrun_decode_wait_status(int status, int *value);

/// The self-pipe every caught signal writes one byte to (non-blocking, or -1 for none).
void maskrun_signal_set_wake_fd(int fd);
/// Installs the relay handler for sig (without SA_RESTART, so blocking calls return
/// EINTR), saving the previous action. Returns 0 or an errno.
int maskrun_signal_catch(int sig);
/// Sets sig to SIG_IGN, saving the previous action. Returns 0 or an errno.
int maskrun_signal_ignore(int sig);
/// Puts back the action saved by catch/ignore; does nothing if none was saved.
void maskrun_signal_restore(int sig);
/// How many times sig arrived since the last call; resets the count.
unsigned maskrun_signal_take(int sig);

#endif
