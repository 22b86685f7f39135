#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "system_shim.h"

#include <fcntl.h>
#include <unistd.h>

int maskrun_system_pipe_cloexec(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) < 0) return -1;
    (void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    (void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int maskrun_system_get_winsize(int fd, struct winsize *size) { return ioctl(fd, TIOCGWINSZ, size); }

int maskrun_system_set_winsize(int fd, const struct winsize *size) { return ioctl(fd, TIOCSWINSZ, size); }
