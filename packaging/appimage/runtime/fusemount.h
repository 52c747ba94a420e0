// Serving the AppImage's SquashFS image over FUSE while the app runs.
#pragma once

#include <stdint.h>

// 1 when this process can mount a FUSE file system: /dev/fuse is a character device it can
// open, and either it is root or fusermount3/fusermount is on PATH.
int fuse_available(void);

// Mounts the image of the AppImage at path (starting at offset) read-only on a new private
// directory, runs run(mountpoint, context) while serving it, then unmounts and removes the
// directory. Returns what run returned, or -1 after a message when the mount failed.
int with_mounted_image(const char *path, int64_t offset, int (*run)(const char *, void *),
                       void *context);
