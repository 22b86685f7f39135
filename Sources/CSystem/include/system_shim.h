// The libc calls MaskrunSystem cannot make from Swift: pipe2, which Glibc's Swift module
// leaves out, and the variadic ioctls for a terminal's size.
#ifndef MASKRUN_SYSTEM_SHIM_H
#define MASKRUN_SYSTEM_SHIM_H

#include <sys/ioctl.h>

/// pipe2(fds, O_CLOEXEC) (pipe and FD_CLOEXEC where there is no pipe2); 0 or -1 with errno.
int maskrun_system_pipe_cloexec(int fds[2]);
/// ioctl(fd, TIOCGWINSZ, size); 0 or -1 with errno.
int maskrun_system_get_winsize(int fd, struct winsize *size);
/// ioctl(fd, TIOCSWINSZ, size); on a pty master the kernel then sends SIGWINCH to the
/// slave's foreground process group. 0 or -1 with errno.
int maskrun_system_set_winsize(int fd, const struct winsize *size);

#endif
