// vfork/exec of a child on a new pty. Modelled on swift-subprocess's process_shims.c:
// the child only makes async-signal-safe calls, and reports a failure to the parent as
// {step, errno} through a close-on-exec pipe that exec closes on success.
//
// vfork, not fork: copying the page tables of a 20 MB process, and the copy-on-write
// faults that follow in both processes, took 2-5 ms between fork and exec on a loaded
// machine. A vfork child shares the parent's memory until it execs or exits (the parent
// waits meanwhile), so the child side below writes nothing the parent reads afterwards
// except `environ`, which the parent puts back, and its own stack frames and errno.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "pty_spawn.h"
#include "pty_support.h"
#include "system_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct {
    int step;
    int error;
} child_report;

static void close_quietly(int fd) {
    if (fd >= 0) {
        int saved = errno;
        (void)close(fd);
        errno = saved;
    }
}

#ifndef __linux__
static int set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) return -1;
    return 0;
}
#endif

int maskrun_pty_open(int *master_out, int *slave_out) {
#ifdef __linux__
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
#else
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && set_cloexec(master) < 0) {
        close_quietly(master);
        return -1;
    }
#endif
    if (master < 0) return -1;
    char name[128];
    if (grantpt(master) < 0 || unlockpt(master) < 0 ||
        ptsname_r(master, name, sizeof name) != 0) {
        close_quietly(master);
        return -1;
    }
    int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        close_quietly(master);
        return -1;
    }
    *master_out = master;
    *slave_out = slave;
    return 0;
}

/// Applies the caller's termios and window size, then clears ONLCR if asked.
static int configure_slave(int slave, const maskrun_spawn_options *options) {
    if (options->has_termios && tcsetattr(slave, TCSANOW, &options->slave_termios) < 0)
        return -1;
    if (ioctl(slave, TIOCSWINSZ, &options->slave_winsize) < 0)
        return -1;
    if (options->disable_onlcr) {
        struct termios mode;
        if (tcgetattr(slave, &mode) < 0) return -1;
        mode.c_oflag &= ~(tcflag_t)ONLCR;
        if (tcsetattr(slave, TCSANOW, &mode) < 0) return -1;
    }
    return 0;
}

// ---- child side: async-signal-safe calls only from here to exec ----

static void write_full(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        p += n;
        len -= (size_t)n;
    }
}

static _Noreturn void child_fail(int report_fd, int step) {
    child_report report = {step, errno};
    write_full(report_fd, &report, sizeof report);
    _exit(127);
}

/// Moves fd out of 0..2 so that the dup2 calls onto 0..2 cannot overwrite a source.
/// The copy is close-on-exec; the original is overwritten by dup2 or closed by exec.
static int lift(int fd, int report_fd) {
    if (fd < 0 || fd > 2) return fd;
    int lifted = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (lifted < 0) child_fail(report_fd, MASKRUN_SPAWN_CHILD_SETUP);
    return lifted;
}

static _Noreturn void child_main(const char *file, char *const argv[], char *const envp[],
                                 int slave, int stdin_fd, int stderr_fd, int report_fd) {
    if (report_fd <= 2) {
        int lifted = fcntl(report_fd, F_DUPFD_CLOEXEC, 3);
        if (lifted < 0) _exit(127);
        report_fd = lifted;
    }
    // Handlers are reset by exec anyway, but ignored signals would be inherited, and a
    // signal must not run maskrun's handler in the child before exec.
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) (void)sigaction(sig, &dfl, NULL);

    if (setsid() < 0) child_fail(report_fd, MASKRUN_SPAWN_CHILD_SETUP);
    if (ioctl(slave, TIOCSCTTY, 0) < 0) child_fail(report_fd, MASKRUN_SPAWN_CHILD_SETUP);

    slave = lift(slave, report_fd);
    int in = stdin_fd >= 0 ? lift(stdin_fd, report_fd) : slave;
    int err = stderr_fd >= 0 ? lift(stderr_fd, report_fd) : slave;
    if (dup2(in, 0) < 0 || dup2(slave, 1) < 0 || dup2(err, 2) < 0)
        child_fail(report_fd, MASKRUN_SPAWN_CHILD_SETUP);

    // Assigning environ is a plain store; execvp then searches the new PATH, as env(1).
    // glibc's execvp builds candidate paths on the stack, without malloc. The store is
    // into the parent's memory (vfork): the parent restores environ when it resumes.
    if (envp != NULL) environ = (char **)envp;
    sigset_t none;
    sigemptyset(&none);
    (void)sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(file, argv);
    child_fail(report_fd, MASKRUN_SPAWN_EXEC);
}

// ---- parent side ----

static int fail(maskrun_spawn_result *result, int step, int error) {
    result->failed_step = step;
    result->error = error;
    return error;
}

/// Reads the child's report; returns 1 when the child failed, 0 when exec succeeded.
static int read_report(int fd, child_report *report) {
    size_t got = 0;
    char *p = (char *)report;
    while (got < sizeof *report) {
        ssize_t n = read(fd, p + got, sizeof *report - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    return got == sizeof *report;
}

int maskrun_pty_spawn(const char *file, char *const argv[], char *const envp[],
                      const maskrun_spawn_options *options, maskrun_spawn_result *result) {
    result->master_fd = -1;
    result->pid = -1;
    result->failed_step = MASKRUN_SPAWN_OK;
    result->error = 0;

    int master, slave;
    if (maskrun_pty_open(&master, &slave) < 0) return fail(result, MASKRUN_SPAWN_OPEN_PTY, errno);

    if (configure_slave(slave, options) < 0) {
        int error = errno;
        close_quietly(slave);
        close_quietly(master);
        return fail(result, MASKRUN_SPAWN_CONFIGURE_PTY, error);
    }

    int report[2];
    if (maskrun_system_pipe_cloexec(report) < 0) {
        int error = errno;
        close_quietly(slave);
        close_quietly(master);
        return fail(result, MASKRUN_SPAWN_REPORT_PIPE, error);
    }

    // Block every signal across vfork so that none runs maskrun's handler in the child
    // (on the parent's memory) before the child has reset dispositions.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    char **parent_environ = environ;
    pid_t pid = vfork();
    if (pid == 0)
        child_main(file, argv, envp, slave, options->stdin_fd, options->stderr_fd, report[1]);
    // Here the child has exec'd or exited. errno is the parent's own only when vfork failed.
    int fork_error = errno;
    environ = parent_environ;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);

    close_quietly(report[1]);
    close_quietly(slave);
    if (pid < 0) {
        close_quietly(report[0]);
        close_quietly(master);
        return fail(result, MASKRUN_SPAWN_FORK, fork_error);
    }

    child_report child;
    int child_failed = read_report(report[0], &child);
    close_quietly(report[0]);
    if (child_failed) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        close_quietly(master);
        return fail(result, child.step, child.error);
    }
    result->master_fd = master;
    result->pid = pid;
    return 0;
}
