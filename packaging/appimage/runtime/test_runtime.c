// The AppImage runtime's own test (ctest: appimage_runtime):
//   test_runtime RUNTIME MKSQUASHFS
// builds a small AppImage from RUNTIME and a test AppDir, then checks the offset, the magic
// bytes, extraction (whole and by pattern, modes and links kept), the arguments and variables
// AppRun gets on each way of running it, its exit code, the --appimage-* options, and the FUSE
// path: mounted and unmounted again where FUSE works, else the one-line message naming
// --appimage-extract-and-run. As root it also hides /dev/fuse in a private mount namespace to
// see that message whatever the machine has.
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static char dir[256], image[512];

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ++failures;                                                                            \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static void write_text(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0 || chmod(path, mode) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static char *read_text(const char *path)
{
    static char buf[1 << 16];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

struct result
{
    int code;
    char out[8192], err[8192];
};

// Runs image with argv (argv[0] is only the name it is called by) in cwd with extra "NAME=value"
// variables (NULL-ended), capturing stdout and stderr. hide_fuse: in a private mount namespace
// without /dev/fuse.
static struct result run(const char *cwd, char *const argv[], const char *const *env, int hide_fuse)
{
    struct result r = {.code = -1};
    char out[300], err[300];
    snprintf(out, sizeof out, "%s/stdout", dir);
    snprintf(err, sizeof err, "%s/stderr", dir);
    pid_t pid = fork();
    if (pid == 0) {
        if (hide_fuse) {
            char empty[300];
            snprintf(empty, sizeof empty, "%s/not-a-device", dir);
            write_text(empty, "", 0600);
            if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
                mount(empty, "/dev/fuse", NULL, MS_BIND, NULL) != 0) {
                perror("hiding /dev/fuse");
                _exit(99);
            }
        }
        for (const char *const *e = env; e && *e; ++e)
            putenv((char *)*e);
        if (chdir(cwd) != 0 || !freopen(out, "w", stdout) || !freopen(err, "w", stderr))
            _exit(98);
        execv(image, argv);
        _exit(97);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    snprintf(r.out, sizeof r.out, "%.*s", (int)sizeof r.out - 1, read_text(out));
    snprintf(r.err, sizeof r.err, "%.*s", (int)sizeof r.err - 1, read_text(err));
    return r;
}

static int exists(const char *fmt, ...)
{
    char path[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    struct stat st;
    return lstat(path, &st) == 0;
}

static void build_image(const char *runtime, const char *mksquashfs)
{
    char path[600], command[2000];
    snprintf(path, sizeof path, "%s/AppDir/data/sub", dir);
    snprintf(command, sizeof command, "mkdir -p '%s'", path);
    if (system(command) != 0)
        exit(1);
    snprintf(path, sizeof path, "%s/AppDir/AppRun", dir);
    write_text(path,
               "#!/bin/sh\n"
               "printf '%s\\n' \"APPDIR=$APPDIR\" \"APPIMAGE=$APPIMAGE\" \"ARGV0=$ARGV0\" "
               "\"OWD=$OWD\" \"argc=$#\"\n"
               "for a; do printf 'arg=[%s]\\n' \"$a\"; done\n"
               "cat \"$APPDIR/data/hello.txt\"\n"
               "echo \"$APPDIR\" >\"$OWD/appdir-was\"\n"
               "exit 7\n",
               0755);
    snprintf(path, sizeof path, "%s/AppDir/data/hello.txt", dir);
    write_text(path, "hello from the image\n", 0644);
    snprintf(path, sizeof path, "%s/AppDir/data/sub/deep.txt", dir);
    write_text(path, "deep\n", 0600);
    snprintf(command, sizeof command,
             "cd '%s' && ln -s hello.txt AppDir/data/link && '%s' AppDir image.sqfs -root-owned "
             "-noappend -comp zstd -quiet >/dev/null && cat '%s' image.sqfs >test.AppImage && "
             "chmod 755 test.AppImage",
             dir, mksquashfs, runtime);
    if (system(command) != 0) {
        fprintf(stderr, "cannot build the test AppImage\n");
        exit(1);
    }
    snprintf(image, sizeof image, "%s/test.AppImage", dir);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_runtime RUNTIME MKSQUASHFS\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/appimage-runtime-test-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    build_image(argv[1], argv[2]);
    struct stat runtime;
    stat(argv[1], &runtime);

    // The magic bytes and the offset: the image starts right after the runtime.
    unsigned char head[12] = {0};
    int fd = open(image, O_RDONLY);
    CHECK(fd >= 0 && read(fd, head, sizeof head) == sizeof head, "read %s", image);
    close(fd);
    CHECK(memcmp(head,
                 "\x7f"
                 "ELF",
                 4) == 0 &&
              memcmp(head + 8, "AI\x02", 3) == 0,
          "no ELF magic or AI\\x02 at offset 8");
    struct result r = run(dir, (char *[]){image, "--appimage-offset", NULL}, NULL, 0);
    CHECK(r.code == 0 && atoll(r.out) == (long long)runtime.st_size, "offset %s, runtime %lld",
          r.out, (long long)runtime.st_size);

    r = run(dir, (char *[]){image, "--appimage-version", NULL}, NULL, 0);
    CHECK(r.code == 0 && strstr(r.out, "runtime"), "version: %s", r.out);
    r = run(dir, (char *[]){image, "--appimage-help", NULL}, NULL, 0);
    CHECK(r.code == 0 && strstr(r.out, "--appimage-extract-and-run"), "help: %s", r.out);
    r = run(dir, (char *[]){image, "--appimage-bogus", NULL}, NULL, 0);
    CHECK(r.code == 2 && strstr(r.err, "--appimage-bogus"), "bogus option: %d %s", r.code, r.err);

    // Extraction by pattern: only what matches, with the folders above it.
    r = run(dir, (char *[]){image, "--appimage-extract", "data/sub/*", NULL}, NULL, 0);
    CHECK(r.code == 0, "extract pattern: %s", r.err);
    CHECK(exists("%s/squashfs-root/data/sub/deep.txt", dir), "deep.txt not extracted");
    CHECK(!exists("%s/squashfs-root/AppRun", dir) &&
              !exists("%s/squashfs-root/data/hello.txt", dir),
          "the pattern extracted more than it matched");
    // Everything, with modes and links as in the image.
    r = run(dir, (char *[]){image, "--appimage-extract", NULL}, NULL, 0);
    CHECK(r.code == 0 && strstr(r.out, "squashfs-root/AppRun"), "extract: %s %s", r.out, r.err);
    char path[600], link[64] = {0};
    snprintf(path, sizeof path, "%s/squashfs-root/AppRun", dir);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0755, "AppRun mode %o", st.st_mode);
    snprintf(path, sizeof path, "%s/squashfs-root/data/sub/deep.txt", dir);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "deep.txt mode %o", st.st_mode);
    snprintf(path, sizeof path, "%s/squashfs-root/data/link", dir);
    CHECK(readlink(path, link, sizeof link - 1) > 0 && strcmp(link, "hello.txt") == 0, "link -> %s",
          link);
    snprintf(path, sizeof path, "%s/squashfs-root/data/hello.txt", dir);
    CHECK(strcmp(read_text(path), "hello from the image\n") == 0, "hello.txt content");

    // Extract and run: every argument as given (spaces, empty, one like an option), the
    // variables, AppRun's exit code, and the temporary folder gone afterwards.
    const char *expected_args = "argc=4\narg=[a b]\narg=[]\narg=[--appimage-offset]\narg=[z]\n";
    char expected_env[1200];
    snprintf(expected_env, sizeof expected_env, "APPIMAGE=%s\nARGV0=dopool-cli\nOWD=%s\n", image,
             dir);
    // argv[0] is what ARGV0 reports: the name a link to the AppImage was called by.
    char *extract_run[] = {
        "dopool-cli", "--appimage-extract-and-run", "a b", "", "--appimage-offset", "z", NULL};
    char *env_run[] = {"dopool-cli", "a b", "", "--appimage-offset", "z", NULL};
    const char *env_way[] = {"APPIMAGE_EXTRACT_AND_RUN=1", NULL};
    for (int way = 0; way < 2; ++way) {
        r = way == 0 ? run(dir, extract_run, NULL, 0) : run(dir, env_run, env_way, 0);
        CHECK(r.code == 7, "way %d: exit %d, stderr %s", way, r.code, r.err);
        CHECK(strstr(r.out, expected_args), "way %d: arguments:\n%s", way, r.out);
        CHECK(strstr(r.out, expected_env), "way %d: variables:\n%s", way, r.out);
        CHECK(strstr(r.out, "hello from the image"), "way %d: no file from the image", way);
        CHECK(strstr(r.out, "APPDIR=/") && strstr(r.out, "/appimage_extracted_"), "way %d: %s", way,
              r.out);
        snprintf(path, sizeof path, "%s/appdir-was", dir);
        char *was = read_text(path);
        was[strcspn(was, "\n")] = '\0';
        CHECK(*was && !exists("%s", was), "way %d: %s left behind", way, was);
    }

    // FUSE: mounted, the app run from the mount, unmounted afterwards -- or the clear message.
    int fuse = access("/dev/fuse", R_OK | W_OK) == 0;
    r = run(dir, (char *[]){image, "x", NULL}, NULL, 0);
    if (fuse) {
        CHECK(r.code == 7 && strstr(r.out, "/.mount_dopool_") && strstr(r.out, "arg=[x]") &&
                  strstr(r.out, "hello from the image"),
              "FUSE run: %d\n%s%s", r.code, r.out, r.err);
        snprintf(path, sizeof path, "%s/appdir-was", dir);
        char *was = read_text(path);
        was[strcspn(was, "\n")] = '\0';
        CHECK(*was && !exists("%s", was), "mountpoint %s left behind", was);
    }
    if (!fuse || geteuid() == 0) {
        r = run(dir, (char *[]){image, "x", NULL}, NULL, !fuse ? 0 : 1);
        CHECK(r.code == 127 && strstr(r.err, "--appimage-extract-and-run") &&
                  strchr(r.err, '\n') == r.err + strlen(r.err) - 1,
              "no FUSE: %d %s", r.code, r.err);
        printf("no-FUSE message: %s", r.err);
    }
    printf("%s: %d failure(s); FUSE %s\n", argv[0], failures, fuse ? "mounted" : "not available");
    char command[600];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0)
        return 1;
    return failures ? 1 : 0;
}
