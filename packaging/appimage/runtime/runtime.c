// The DO Account Pool AppImage runtime: the ELF program at the start of a type-2 AppImage
// (https://github.com/AppImage/AppImageSpec), written for this project on libsquashfuse and
// libfuse3 and linked statically, so it starts on any x86-64 Linux.
//
//   FILE.AppImage [ARGS]                      mount the image (FUSE), run AppRun ARGS, unmount
//   FILE.AppImage --appimage-extract [PATTERN]   write the image (or what PATTERN matches)
//                                                into ./squashfs-root
//   FILE.AppImage --appimage-extract-and-run [ARGS]  extract to a temporary folder, run, remove
//   FILE.AppImage --appimage-offset | --appimage-help | --appimage-version
// APPIMAGE_EXTRACT_AND_RUN=1 in the environment does what --appimage-extract-and-run does.
// AppRun gets APPIMAGE (this file), APPDIR (the image's root), ARGV0 (argv[0]) and OWD (the
// working directory it was started in).
#include "fusemount.h"
#include "image.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RUNTIME_VERSION
#define RUNTIME_VERSION "unknown"
#endif

// Sections the AppImage specification reserves for update information and a signature; tools
// that write them look for the sections, so they exist, empty.
__attribute__((section(".upd_info"), used)) static const char update_info[1024];
__attribute__((section(".sha256_sig"), used)) static const char signature[1024];
__attribute__((section(".sig_key"), used)) static const char signature_key[8192];

struct launch
{
    char *const *args; // for AppRun, after argv[0]
    int count;
};

static volatile sig_atomic_t child_pid;

static void forward_signal(int sig)
{
    if (child_pid > 0)
        kill(child_pid, sig);
}

// Runs APPDIR/AppRun with the arguments, forwarding SIGINT/SIGTERM/SIGHUP/SIGQUIT to it, and
// returns its exit code (128 + signal when a signal ended it).
static int run_apprun(const char *appdir, void *context)
{
    const struct launch *launch = context;
    char apprun[PATH_MAX];
    snprintf(apprun, sizeof apprun, "%s/AppRun", appdir);
    setenv("APPDIR", appdir, 1);
    char **argv = calloc((size_t)launch->count + 2, sizeof *argv);
    if (!argv)
        return 127;
    argv[0] = apprun;
    for (int i = 0; i < launch->count; ++i)
        argv[i + 1] = launch->args[i];

    struct sigaction forward = {.sa_handler = forward_signal};
    sigemptyset(&forward.sa_mask);
    const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof signals / sizeof *signals; ++i)
        sigaction(signals[i], &forward, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction def = {.sa_handler = SIG_DFL};
        for (size_t i = 0; i < sizeof signals / sizeof *signals; ++i)
            sigaction(signals[i], &def, NULL);
        execv(apprun, argv);
        fprintf(stderr, "appimage: cannot run %s: %s\n", apprun, strerror(errno));
        _exit(127);
    }
    free(argv);
    if (pid < 0) {
        fprintf(stderr, "appimage: cannot start AppRun: %s\n", strerror(errno));
        return 127;
    }
    child_pid = pid;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    child_pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int extract_and_run(const char *self, int64_t offset, struct launch *launch)
{
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/appimage_extracted_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "appimage: cannot create a folder to extract into: %s\n", strerror(errno));
        return 127;
    }
    int code = image_extract(self, offset, dir, NULL, 0) == 0 ? run_apprun(dir, launch) : 127;
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return code;
}

static void usage(FILE *to, const char *argv0)
{
    fprintf(to,
            "Usage: %s [ARGS...]   runs the application (the image is mounted with FUSE)\n"
            "AppImage options (only as the first argument):\n"
            "  --appimage-extract [PATTERN]  write the image's files (or those whose path\n"
            "                                matches the shell PATTERN) into ./squashfs-root\n"
            "  --appimage-extract-and-run [ARGS...]  extract into a temporary folder, run the\n"
            "                                application there, then remove the folder (no FUSE\n"
            "                                needed; also APPIMAGE_EXTRACT_AND_RUN=1)\n"
            "  --appimage-offset             print where the SquashFS image starts\n"
            "  --appimage-help               print this help\n"
            "  --appimage-version            print the runtime's version\n",
            argv0);
}

int main(int argc, char **argv)
{
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        fprintf(stderr, "appimage: cannot find this file (/proc/self/exe): %s\n", strerror(errno));
        return 127;
    }
    self[len] = '\0';
    const char *option = argc > 1 && strncmp(argv[1], "--appimage-", 11) == 0 ? argv[1] : NULL;
    if (option && strcmp(option, "--appimage-help") == 0) {
        usage(stdout, argv[0]);
        return 0;
    }
    if (option && strcmp(option, "--appimage-version") == 0) {
        printf("DO Account Pool AppImage runtime %s (type 2)\n", RUNTIME_VERSION);
        return 0;
    }
    int64_t offset = image_offset(self);
    if (offset < 0)
        return 127;
    if (option && strcmp(option, "--appimage-offset") == 0) {
        printf("%lld\n", (long long)offset);
        return 0;
    }
    if (option && strcmp(option, "--appimage-extract") == 0) {
        if (argc > 3) {
            fprintf(stderr, "appimage: --appimage-extract takes at most one PATTERN\n");
            return 2;
        }
        return image_extract(self, offset, "squashfs-root", argc == 3 ? argv[2] : NULL, 1) == 0 ? 0
                                                                                                : 1;
    }
    if (option && strcmp(option, "--appimage-extract-and-run") != 0) {
        fprintf(stderr, "appimage: unknown option %s (see --appimage-help)\n", option);
        return 2;
    }

    char cwd[PATH_MAX];
    setenv("APPIMAGE", self, 1);
    setenv("ARGV0", argv[0], 1);
    if (getcwd(cwd, sizeof cwd))
        setenv("OWD", cwd, 1);
    struct launch launch = {argv + 1 + (option != NULL), argc - 1 - (option != NULL)};
    const char *env = getenv("APPIMAGE_EXTRACT_AND_RUN");
    if (option || (env && strcmp(env, "1") == 0))
        return extract_and_run(self, offset, &launch);
    if (!fuse_available()) {
        fprintf(stderr,
                "appimage: FUSE is not available here (no usable /dev/fuse or "
                "fusermount3); run %s --appimage-extract-and-run [ARGS] instead\n",
                argv[0]);
        return 127;
    }
    int code = with_mounted_image(self, offset, run_apprun, &launch);
    return code < 0 ? 127 : code;
}
