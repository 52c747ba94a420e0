// The FUSE side of the runtime: libsquashfuse's low-level operations served by libfuse3 on a
// thread of this process, while the main thread runs the app and waits for it. Unmounting
// ends the session loop (the kernel closes the connection), which the main thread joins.
#include "fusemount.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// squashfuse's config.h defines _POSIX_C_SOURCE; the system headers above were already
// read with _GNU_SOURCE, so it must not meet (and clash with) their definition.
#undef _POSIX_C_SOURCE
#include <ll.h>

static int on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    char buf[4096];
    for (const char *dir = path; *dir;) {
        size_t len = strcspn(dir, ":");
        if (snprintf(buf, sizeof buf, "%.*s/%s", (int)len, dir, name) < (int)sizeof buf &&
            access(buf, X_OK) == 0)
            return 1;
        dir += len + (dir[len] == ':');
    }
    return 0;
}

int fuse_available(void)
{
    int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    int device = fstat(fd, &st) == 0 && S_ISCHR(st.st_mode);
    close(fd);
    // Only root mounts directly; everyone else goes through the setuid fusermount helper.
    return device && (geteuid() == 0 || on_path("fusermount3") || on_path("fusermount"));
}

static void *serve(void *session)
{
    fuse_session_loop(session);
    return NULL;
}

static struct fuse_lowlevel_ops squashfs_operations(void)
{
    struct fuse_lowlevel_ops ops;
    memset(&ops, 0, sizeof ops);
    ops.getattr = sqfs_ll_op_getattr;
    ops.opendir = sqfs_ll_op_opendir;
    ops.releasedir = sqfs_ll_op_releasedir;
    ops.readdir = sqfs_ll_op_readdir;
    ops.lookup = sqfs_ll_op_lookup;
    ops.open = sqfs_ll_op_open;
    ops.create = sqfs_ll_op_create;
    ops.release = sqfs_ll_op_release;
    ops.read = sqfs_ll_op_read;
    ops.readlink = sqfs_ll_op_readlink;
    ops.listxattr = sqfs_ll_op_listxattr;
    ops.getxattr = sqfs_ll_op_getxattr;
    ops.forget = sqfs_ll_op_forget;
    ops.statfs = stfs_ll_op_statfs;
    return ops;
}

int with_mounted_image(const char *path, int64_t offset, int (*run)(const char *, void *),
                       void *context)
{
    const char *tmp = getenv("TMPDIR");
    char mountpoint[4096];
    snprintf(mountpoint, sizeof mountpoint, "%s/.mount_dopool_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(mountpoint)) { // mode 0700: only this user sees into it
        fprintf(stderr, "appimage: cannot create a mountpoint in %s: %s\n",
                tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return -1;
    }
    int result = -1;
    sqfs_ll *ll = sqfs_ll_open(path, (size_t)offset);
    if (!ll) {
        fprintf(stderr, "appimage: %s has no readable SquashFS image at offset %lld\n", path,
                (long long)offset);
        goto remove_dir;
    }
    char options[4200];
    const char *base = strrchr(path, '/');
    snprintf(options, sizeof options, "ro,nodev,nosuid,fsname=%s,subtype=appimage",
             base ? base + 1 : path);
    char *argv[] = {"appimage", "-o", options, NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, argv);
    struct fuse_lowlevel_ops ops = squashfs_operations();
    struct fuse_session *session = fuse_session_new(&args, &ops, sizeof ops, ll);
    if (!session || fuse_session_mount(session, mountpoint) != 0) {
        fprintf(stderr,
                "appimage: FUSE could not mount the image on %s; run it with "
                "--appimage-extract-and-run instead\n",
                mountpoint);
        goto destroy_session;
    }
    // The serving thread takes no signals: they are the app's, forwarded by the main thread.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t thread;
    int started = pthread_create(&thread, NULL, serve, session) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started) {
        result = run(mountpoint, context);
    } else {
        fprintf(stderr, "appimage: cannot start the FUSE thread\n");
    }
    fuse_session_exit(session);
    fuse_session_unmount(session);
    if (started)
        pthread_join(thread, NULL);
destroy_session:
    if (session)
        fuse_session_destroy(session);
    sqfs_ll_destroy(ll); // the process ends right after: ll itself is not freed
remove_dir:
    rmdir(mountpoint);
    return result;
}
