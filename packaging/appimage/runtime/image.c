// Reading the AppImage file: the ELF runtime's size (the spec's "offset") and extraction of
// the SquashFS image through libsquashfuse's read-only API.
#include "image.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// squashfuse's config.h defines _POSIX_C_SOURCE; the system headers above were already
// read with _GNU_SOURCE, so it must not meet (and clash with) their definition.
#undef _POSIX_C_SOURCE
#include <squashfuse.h>

static int read_at(int fd, void *buf, size_t size, off_t at)
{
    return pread(fd, buf, size, at) == (ssize_t)size ? 0 : -1;
}

static uint64_t max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

int64_t image_offset(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "appimage: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    Elf64_Ehdr eh;
    int64_t end = -1;
    if (read_at(fd, &eh, sizeof eh, 0) != 0 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64) {
        fprintf(stderr, "appimage: %s is not a 64-bit ELF file\n", path);
        goto done;
    }
    uint64_t size = max_u64(sizeof eh, eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize);
    size = max_u64(size, eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize);
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph;
        if (read_at(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)))
            goto truncated;
        size = max_u64(size, ph.p_offset + ph.p_filesz);
    }
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
        Elf64_Shdr sh;
        if (read_at(fd, &sh, sizeof sh, (off_t)(eh.e_shoff + (uint64_t)i * eh.e_shentsize)))
            goto truncated;
        if (sh.sh_type != SHT_NOBITS)
            size = max_u64(size, sh.sh_offset + sh.sh_size);
    }
    end = (int64_t)size;
    goto done;
truncated:
    fprintf(stderr, "appimage: %s: truncated ELF headers\n", path);
done:
    close(fd);
    return end;
}

// Creates every missing directory of path (mode 0755), not path itself.
static int make_parents(char *path)
{
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        int failed = mkdir(path, 0755) != 0 && errno != EEXIST;
        *slash = '/';
        if (failed) {
            fprintf(stderr, "appimage: cannot create %s: %s\n", path, strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int wanted(const char *path, const char *pattern)
{
    if (!pattern || fnmatch(pattern, path, 0) == 0)
        return 1;
    // A match on a parent directory takes everything below it.
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *slash = strrchr(buf, '/'); slash; slash = strrchr(buf, '/')) {
        *slash = '\0';
        if (fnmatch(pattern, buf, 0) == 0)
            return 1;
    }
    return 0;
}

static int write_file(sqfs *fs, sqfs_inode *inode, const char *target)
{
    int fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    static char buf[1 << 16];
    sqfs_off_t done = 0, total = (sqfs_off_t)inode->xtra.reg.file_size;
    while (done < total) {
        sqfs_off_t chunk =
            total - done < (sqfs_off_t)sizeof buf ? total - done : (sqfs_off_t)sizeof buf;
        if (sqfs_read_range(fs, inode, done, &chunk, buf) != SQFS_OK || chunk <= 0 ||
            write(fd, buf, (size_t)chunk) != (ssize_t)chunk) {
            close(fd);
            return -1;
        }
        done += chunk;
    }
    // Permission bits as in the image (AppRun and the executables keep their x bit).
    if (fchmod(fd, inode->base.mode & 07777) != 0) {
        close(fd);
        return -1;
    }
    return close(fd);
}

static int write_entry(sqfs *fs, sqfs_inode *inode, const char *target)
{
    if (S_ISDIR(inode->base.mode))
        return mkdir(target, 0755) == 0 || errno == EEXIST ? 0 : -1;
    unlink(target); // an earlier extraction's file or link is replaced
    if (S_ISREG(inode->base.mode))
        return write_file(fs, inode, target);
    if (S_ISLNK(inode->base.mode)) {
        char link[PATH_MAX];
        size_t size = sizeof link;
        if (sqfs_readlink(fs, inode, link, &size) != SQFS_OK)
            return -1;
        return symlink(link, target);
    }
    return 0; // devices, fifos and sockets have no place in an AppImage: left out
}

int image_extract(const char *path, int64_t offset, const char *dest, const char *pattern,
                  int verbose)
{
    sqfs fs;
    if (sqfs_open_image(&fs, path, (size_t)offset) != SQFS_OK) {
        fprintf(stderr, "appimage: %s has no readable SquashFS image at offset %lld\n", path,
                (long long)offset);
        return -1;
    }
    int result = -1;
    sqfs_traverse trv;
    if (sqfs_traverse_open(&trv, &fs, sqfs_inode_root(&fs)) != SQFS_OK) {
        fprintf(stderr, "appimage: cannot read the image's root directory\n");
        goto close_fs;
    }
    if (mkdir(dest, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "appimage: cannot create %s: %s\n", dest, strerror(errno));
        goto close_trv;
    }
    sqfs_err err = SQFS_OK;
    while (sqfs_traverse_next(&trv, &err)) {
        if (trv.dir_end || !wanted(trv.path, pattern))
            continue;
        char target[PATH_MAX];
        if (snprintf(target, sizeof target, "%s/%s", dest, trv.path) >= (int)sizeof target) {
            fprintf(stderr, "appimage: path too long: %s\n", trv.path);
            goto close_trv;
        }
        sqfs_inode inode;
        if (sqfs_inode_get(&fs, &inode, sqfs_dentry_inode(&trv.entry)) != SQFS_OK ||
            make_parents(target) != 0 || write_entry(&fs, &inode, target) != 0) {
            fprintf(stderr, "appimage: cannot extract %s: %s\n", trv.path, strerror(errno));
            goto close_trv;
        }
        if (verbose)
            printf("%s\n", target);
    }
    if (err != SQFS_OK) {
        fprintf(stderr, "appimage: the image is damaged (error %d while reading it)\n", err);
        goto close_trv;
    }
    result = 0;
close_trv:
    sqfs_traverse_close(&trv);
close_fs:
    sqfs_destroy(&fs);
    sqfs_fd_close(fs.fd);
    return result;
}
